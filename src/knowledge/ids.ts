/**
 * The public contract of the knowledge base: other tools and evaluations depend on these ids,
 * so the loader refuses a topic or intent whose id is not one of them.
 */
export const CONTENT_INTENT_IDS = [
  'threat.overview',
  'threat.instability',
  'threat.drugs',
  'threat.fraud',
  'threat.ransomware',
  'threat.trafficking',
  'solution.overview',
  'solution.mexico',
  'solution.inl',
  'solution.penalties',
  'solution.institutions',
  'solution.corruption',
  'solution.treaties',
  'solution.border',
  'solution.trafficking',
  'solution.ilea',
  'solution.canada',
  'source.ata',
  'source.1787',
  'related.immigration',
] as const;

export const BOT_INTENT_IDS = ['bot.help', 'bot.greeting', 'bot.thanks'] as const;

export const FALLBACK_ID = 'fallback' as const;

export const INTENT_IDS = [...CONTENT_INTENT_IDS, ...BOT_INTENT_IDS, FALLBACK_ID] as const;

export type ContentIntentId = (typeof CONTENT_INTENT_IDS)[number];
export type IntentId = (typeof INTENT_IDS)[number];

const known: ReadonlySet<string> = new Set(INTENT_IDS);

export function isIntentId(value: string): value is IntentId {
  return known.has(value);
}

export type TopicGroup = 'threat' | 'solution' | 'source' | 'related' | 'bot' | 'fallback';

export function groupOf(id: IntentId): TopicGroup {
  const prefix = id.split('.')[0];
  switch (prefix) {
    case 'threat':
    case 'solution':
    case 'source':
    case 'related':
    case 'bot':
      return prefix;
    default:
      return 'fallback';
  }
}
