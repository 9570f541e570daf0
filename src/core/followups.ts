import type { FollowUpKind } from './answer.js';

export interface FollowUpCue {
  readonly kind: FollowUpKind;
  /** The question with the cue words removed: what may still name a topic ("tell me more about INL"). */
  readonly rest: string;
}

/** Cues, tried in order; each matches the start of a lower-case question or a whole short one. */
const CUES: ReadonlyArray<readonly [FollowUpKind, RegExp]> = [
  [
    'source',
    /\b(?:(?:what(?:'s| is| are)?|where(?:'s| is| does)?|give me|got|any|need|show me|and|the)\s+)*(?:(?:the|a|its|your)\s+)?(?:source|sources|citation|citations|cite|reference|references|ref|footnote|attribution|link|links|url)\b(?:\s+(?:for|of|on|to|that|this|it|please|pls|me))*|\bcite\b|\bwhere (?:does|did) (?:that|this|it) come from\b|\bwhere(?:'s| is) (?:that|this) from\b|\bwho says(?: so)?\b|\bquote (?:it|that|this)\b|\bthe (?:exact )?(?:quote|wording|line)\b(?:\s+(?:for|on|about))?/,
  ],
  [
    'solutions',
    /\b(?:what|how) (?:should|can|could|do|would|might) (?:we|the us|the u\.s\.|congress|policymakers|the government|you) (?:do|fix|solve|address|tackle|counter|stop|respond)(?: to| about)?\b|\bwhat(?:'s| is| are) the (?:fix|fixes|solution|solutions|remedy|remedies|response|policy response|answer)\b(?: (?:to|for))?|\b(?:any|the|your) (?:solutions?|fix(?:es)?|remed(?:y|ies)|recommendations?|policy options?)\b(?: (?:to|for|on))?|\bhow do (?:we|you) (?:fix|solve|stop|counter) (?:it|that|this)\b|\bwhat (?:can|should|could|must) be done\b(?: (?:about|on|for))?|\bwhat does 1787 (?:propose|recommend|suggest)(?: (?:for|on|about))?/,
  ],
  [
    'threats',
    /\bwhy (?:does|is|would) (?:that|this|it) (?:matter|important|needed|necessary)\b|\bwhy (?:do|does|should) (?:we|it|that|this|anyone) (?:care|need)\b|\bwhat (?:problem|problems|threat|threats) (?:does|would) (?:that|this|it) (?:address|solve|tackle|fix|answer)\b|\bwhy\s*\?*$|\bso what\b|\bwhat(?:'s| is) the (?:point|rationale|reasoning)\b/,
  ],
  [
    'more',
    /^(?:(?:ok(?:ay)?|and|so|yes|yeah|sure|great|thanks|pls|please)[, ]+)*(?:tell me more|more|go on|keep going|continue|elaborate|expand|dig deeper|more detail|more details|more info|more information|details|detail|the details|full answer|longer answer|in depth|go deeper|say more)\b(?:\s+(?:on|about|regarding|re|for|of|please|pls|that|this|it))*|\b(?:can you|could you|pls|please) (?:elaborate|expand|say more|tell me more|go deeper)\b(?:\s+(?:on|about|regarding))?|\btell me more\b(?:\s+(?:on|about|regarding))?|\bwhat else\b/,
  ],
];

/** Finds a follow-up cue in a question; the caller decides whether a topic or the conversation completes it. */
export function detectFollowUp(plain: string): FollowUpCue | undefined {
  const text = plain.toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, ' ').trim();
  for (const [kind, pattern] of CUES) {
    const match = pattern.exec(text);
    if (match)
      return {
        kind,
        rest: `${text.slice(0, match.index)} ${text.slice(match.index + match[0].length)}`.trim(),
      };
  }
  return undefined;
}

/** Words that point back at the conversation rather than naming a topic. */
export function onlyRefersBack(rest: string): boolean {
  const words = rest
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .split(/\s+/)
    .filter(Boolean);
  return words.every((w) => REFERRING.has(w));
}

const REFERRING: ReadonlySet<string> = new Set(
  `it that this them those these its the a an one about on for of please pls thanks ok okay so and then again
  last previous above same topic point answer bit part line quote claim one there here what is are was were do does
  we us you me i can could should would tell show explain answer give more`.split(/\s+/),
);
