/**
 * Words that carry no topic. Question words and generic verbs are here because staff wrap the
 * same topic in many ways ("what does the report say about", "can you tell me"): the topic words
 * must decide. Greeting, thanks and help words are deliberately absent: they are intents.
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  `a about above across after again against all also am an and any are aren't as at be because been before
  being below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down
  during each either else ever few for from further get gets getting give given go going got had hadn't has hasn't
  have haven't having he her here hers herself him himself his how i i'd i'll i'm i've if in into is isn't it it's
  its itself just let let's like me mine more most much must my myself no nor not now of off on once only or other
  our ours ourselves out over own per pls plz please quick q quite rather re really same say says said see shall she
  should shouldn't so some such tell than that that's the their theirs them themselves then there there's these they
  they're this those through to too under until up upon us very via was wasn't we we're were weren't what what's
  whats when where where's whether which while who who's whom whose why will with within without won't would
  wouldn't you you're your yours yourself know need want wanna gonna kinda sorta thing things stuff bit lot
  anything something everything say talk talks mention mentions mentioned regarding re: concerning anyone someone
  whatever okay ok um uh hmm pretty basically actually exactly briefly brief summary summarize summarise quickly
  explain describe give show me may might one ones two`
    // Chat filler and the words of staff work: they frame a request but never change its topic.
    .concat(
      ` ` +
        `anyway anyways btw fyi tl dr tldr eli5 imo iirc lol pls folks team guys
  latest gist overview section part line piece info information detail details update updates news view views
  position stance take angle context background memo memos boss director draft drafting drafted paste copy
  exact exactly precise ideally basically essentially generally specifically top headline main key
  summary points talking brief briefing briefer deck slide slides one pager pagers writeup write writing hearing
  hearings prep prepping testimony remarks statement speech op ed blurb bullet bullets quickly short shortly
  paragraph word words wording terms list listing outline rundown lowdown breakdown
  per according claims claim believe think thinks thought considered consider regard regards
  finding findings says saying tell telling told overall roughly broadly language phrasing mean means
  mate buddy pal dude man folks wants wanted every all wait oh ah ahh huh yeah yep yes sure sorry hmmm
  actually literally honestly seriously real bunch ton tons million heaps loads`,
    )
    .split(/\s+/)
    .filter(Boolean),
);
