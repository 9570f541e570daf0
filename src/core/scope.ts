/**
 * Questions the knowledge base cannot answer however well they match a topic: it holds no
 * figures, page numbers, officials or other years' assessments. Saying so beats answering the
 * nearest topic as if it were the answer.
 */
const LIMITS: ReadonlyArray<{ readonly pattern: RegExp; readonly unless?: RegExp; readonly reason: string }> =
  [
    {
      pattern:
        /\b(?:how many|number of|statistics?|stats|figures?|percent(?:age)?|death toll|budget|funding|funded|spend(?:s|ing)?|salar(?:y|ies)|prices?|costs?|dollar (?:amount|figure))\b/,
      unless: /\b(?:solutions?|recommendations?|proposals?|steps|threats?|ideas|points|policies)\b/,
      reason:
        "I don't hold figures, budgets or statistics: my sources state the threats and solutions in words, not numbers.",
    },
    {
      pattern: /\b(?:what|which) page\b|\bpage (?:number|no\.?|#)|\bon page\b|\bpage \d+|\bpp?\. ?\d+/,
      reason: "I don't have page numbers for the assessment, so I can't give one.",
    },
    {
      pattern:
        /\b(?:2025|2026|2023|2022|2021|2020|2019)\b[^?]*\b(?:ata|assessment|report|dni|odni|intelligence)\b|\b(?:ata|assessment|report|dni|odni)\b[^?]*\b(?:2025|2026|2023|2022|2021|2020|2019)\b/,
      reason: 'I only cover the 2024 Annual Threat Assessment, not other years.',
    },
    {
      pattern:
        /\bwho(?:'s| is| was| are| were)? (?:the )?(?:current |new |former |acting )?(?:dni|director|head|chief|secretary|leader|boss|officials?|people running|staff)\b/,
      reason: "I don't cover officials or who holds which post.",
    },
  ];

export function outOfScopeReason(plain: string): string | undefined {
  const text = plain.toLowerCase().replace(/[’‘]/g, "'");
  for (const { pattern, unless, reason } of LIMITS) {
    if (pattern.test(text) && !(unless?.test(text) ?? false)) return reason;
  }
  return undefined;
}

/** Greetings and chat openers in front of a real question: "hey bot, what's INL?". */
const OPENER =
  /^(?:(?:hi|hello|hey|heya|hiya|yo|howdy|greetings|good (?:morning|afternoon|evening)|ok(?:ay)?|so|quick q(?:uestion)?|question|q|bot|policybot|team|all|folks)\b[\s,.!:;-]*)+/;

export function stripOpener(plain: string): string {
  return plain.toLowerCase().replace(OPENER, '').trim();
}
