/**
 * Phrases staff use for the same thing, folded into one canonical token before stemming, so that
 * "cartels", "criminal organizations" and "TCOs" all meet the training phrases' "TCO".
 * Longest phrase wins; canonical tokens are chosen to survive the Porter stemmer unchanged.
 */
const GROUPS: ReadonlyArray<readonly [canonical: string, phrases: string]> = [
  [
    'tco',
    `transnational criminal organizations|transnational criminal organization|transnational criminal organisations|
     transnational organized crime|transnational organised crime|transnational criminals|transnational organized criminals|
     criminal organizations|criminal organization|criminal organisations|criminal organisation|organized crime|organised crime|
     organized criminals|criminal groups|crime groups|criminal syndicates|crime syndicates|syndicates|syndicate|
     cartel bosses|cartel leaders|cartel members|gang members|kingpins|kingpin|capos|narcos|cartels|cartel|
     crime families|crime family|crime bosses|crime lords|crime lord|drug lords|drug lord|mobsters|
     narco gangs|gangs|mafia|mafias|tcos|tco|tocs|toc`,
  ],
  [
    'odni',
    `office of the director of national intelligence|director of national intelligence|national intelligence|
     intelligence community|dni|odni|the ic|spy agencies`,
  ],
  [
    'ata',
    `annual threat assessment|annual threat assessments|threat assessment|worldwide threat assessment|ata|
     intel report|intelligence report|intelligence assessment|threat report|threats report|intel assessment`,
  ],
  [
    'solut',
    `solutions|solution|recommendations|recommendation|recommend|recommends|recommended|proposals|proposal|
     propose|proposes|proposed|remedies|remedy|fixes|policy options|policy fixes|policy prescriptions|counter|
     countering|combat|combating|combatting|tackle|tackling|plan|plans|strategy|strategies|approach|approaches|
     dealing with|deal with|agenda`,
  ],
  [
    'fraud',
    `ripping off|rip off|rips off|ripped off|scams|scam|scammers|scammer|scamming|swindle|swindling|defraud|
     defrauding|defrauds|defrauded|fraudsters|fraudster|fraudulent|frauds|fraud`,
  ],
  [
    'inl',
    `bureau of international narcotics and law enforcement affairs|international narcotics and law enforcement affairs|
     international narcotics and law enforcement|bureau of international narcotics|narcotics bureau|inl`,
  ],
  [
    'ilea',
    `international law enforcement academy|international law enforcement academies|law enforcement academy|
     law enforcement academies|ileas|ilea`,
  ],
  ['traffick', 'smuggling|smuggle|smuggles|smuggled|smuggler|smugglers'],
  [
    'launder',
    'money laundering|laundering|launders|laundered|launder|dirty money|shell companies|shell company|illicit proceeds',
  ],
  [
    'threat',
    `threats|threat|threaten|threatens|threatening|danger|dangers|dangerous|risk|risks|menace|menaces|harm|harms`,
  ],
  [
    'instabl',
    'instability|unstable|destabilize|destabilizes|destabilizing|destabilization|unrest|turmoil|chaos|disorder',
  ],
  ['violenc', 'violence|violent|bloodshed|killings|killing|murders|homicides'],
  ['geopolit', 'geopolitical|geopolitics|geopolitically|geopolitic'],
  ['ransomwar', 'ransomware|ransom ware|ransom|ransoms|cyber extortion|cyberextortion'],
  ['corrupt', 'corruption|corrupt|bribery|bribes|bribe|graft|kleptocracy'],
  [
    'mlat',
    'mutual legal assistance treaties|mutual legal assistance treaty|mutual legal assistance|mlats|mlat',
  ],
  ['opioid', 'opioids|opioid|opiates|opiate'],
  ['methamphetamin', 'methamphetamines|methamphetamine|meth|crystal meth'],
  ['cocain', 'cocaine|coke'],
  ['unitedst', 'united states of america|united states|unitedstates|usa|america|american|americans'],
  ['mexico', 'mexican|mexicans|mexico'],
  [
    'canada',
    `canadian|canadians|canada|rcmp|royal canadian mounted police|mounties|mountie|shiprider|ibets|ibet|
     integrated border enforcement teams|integrated border enforcement team`,
  ],
  ['migrat', 'migrants|migrant|migration|migrations|migrate|migrating'],
  ['1787', '1787s|1787'],
  ['thank', 'thanks|thank|thankyou|appreciate|appreciated|appreciating|grateful|much obliged'],
  [
    'penalti',
    `penalties|penalty|penalize|penalizes|penalizing|penalise|penalising|punish|punishes|punishing|punishment|
     punishments|prosecute|prosecutes|prosecuting|prosecution|prosecutions|sentencing|harsher sentences|jail time|prison time|
     prison sentences|prison terms|jail sentences|tougher sentences|longer sentences|stiffer sentences|
     go after|going after|crack down|cracking down|crackdown|lock up|locking up|bring to justice|hold accountable`,
  ],
  [
    'oversight',
    `oversight|oversee|oversees|overseeing|watch over|watches over|watching over|keep an eye on|monitoring|monitor|
     monitors|supervision|supervise|supervising|audit|audits|auditing|evaluation|evaluations|evaluate|evaluating`,
  ],
  ['abroad', 'abroad|overseas|foreign countries|other countries|in foreign countries'],
  [
    'dismantl',
    'dismantle|dismantles|dismantling|dismantled|break up|breaking up|take down|taking down|bust up|roll up',
  ],
];

export interface SynonymTable {
  /** phrase (space-joined lower-case words) -> canonical token */
  readonly phrases: ReadonlyMap<string, string>;
  readonly longest: number;
}

function build(): SynonymTable {
  const phrases = new Map<string, string>();
  let longest = 1;
  for (const [canonical, list] of GROUPS) {
    for (const raw of list.split('|')) {
      const phrase = raw.trim().replace(/\s+/g, ' ');
      if (!phrase) continue;
      phrases.set(phrase, canonical);
      longest = Math.max(longest, phrase.split(' ').length);
    }
  }
  return { phrases, longest };
}

export const SYNONYMS: SynonymTable = build();

/** Replaces synonym phrases in a word list with their canonical token, longest match first. */
export function foldSynonyms(
  words: readonly string[],
  table: SynonymTable = SYNONYMS,
): { words: string[]; folded: string[] } {
  const out: string[] = [];
  const folded: string[] = [];
  for (let i = 0; i < words.length; ) {
    let matched = false;
    for (let n = Math.min(table.longest, words.length - i); n >= 1; n--) {
      const phrase = words.slice(i, i + n).join(' ');
      const canonical = table.phrases.get(phrase);
      if (canonical !== undefined) {
        out.push(canonical);
        if (phrase !== canonical) folded.push(`${phrase} → ${canonical}`);
        i += n;
        matched = true;
        break;
      }
    }
    if (!matched) {
      out.push(words[i] as string);
      i += 1;
    }
  }
  return { words: out, folded };
}

/** Every canonical token, so the spelling corrector can aim at them too. */
export function synonymVocabulary(table: SynonymTable = SYNONYMS): string[] {
  // Short forms ("ileas", "tcos") are not typo targets: one edit from them is usually another word.
  return [...table.phrases.keys()].flatMap((p) => p.split(' ')).filter((w) => w.length >= 6);
}
