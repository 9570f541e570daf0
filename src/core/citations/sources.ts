import { nameKey } from '../text/lexicon.js';
import type { KnowledgeBase, Source } from '../../knowledge/types.js';
import { sourceLabel } from './label.js';
import { type FormattedReference, formatReference, relayOf } from './reference.js';
import type { CitationStyle } from './styles.js';

/**
 * A source's references, set apart by use. `own` cites the source as itself: what a writer who read
 * it (the assessment's PDF) puts in a bibliography. `quotedIn`, for a source whose words we hold only
 * as another page quotes them, cites those words second-hand, "as quoted in" that page, each style
 * in its own way: it is what goes with a quote policybot gives.
 */
export interface SourceReferences {
  readonly sourceId: string;
  readonly own: FormattedReference;
  readonly quotedIn?: FormattedReference;
  /** When to use each, in words a staffer reads beside them. */
  readonly use: { readonly own: string; readonly quotedIn?: string };
}

/**
 * `policybot cite ata`: the assessment as a report, and as quoted on 1787's page. Throws for an id
 * the knowledge base does not have.
 */
export async function sourceReferences(
  kb: KnowledgeBase,
  sourceId: string,
  style: CitationStyle,
): Promise<SourceReferences> {
  const source = kb.sources.get(sourceId);
  if (!source) throw new RangeError(`no source "${sourceId}" in the knowledge base`);
  const via = relayOf(kb, source);
  const own = await formatReference(source, undefined, style);
  if (!via) return { sourceId, own, use: { own: ownUse(source, undefined) } };
  return {
    sourceId,
    own,
    quotedIn: await formatReference(source, via, style),
    use: { own: ownUse(source, via), quotedIn: quotedInUse(via) },
  };
}

function ownUse(source: Source, via: Source | undefined): string {
  const what = source.kind === 'report' ? 'The report itself' : 'The page itself';
  if (!via) return what;
  const where = source.url ? ` (${source.url})` : '';
  return `${what} — for what you read in it yourself${where}`;
}

function quotedInUse(via: Source): string {
  const page = via.title === undefined ? sourceLabel(via) : `“${via.title}”`;
  return `As quoted in ${via.publisher}, ${page} — for the words policybot quotes, which it holds only as that page gives them`;
}

/**
 * The sources a name designates: a source's id, short name, alias or number (content/sources.yaml),
 * else its publisher (which may designate several: "U.S. Department of State"). Empty when the
 * name is none of these: then it names a topic.
 */
export function namedSources(kb: KnowledgeBase, name: string): Source[] {
  const key = nameKey(name);
  if (key === '') return [];
  const all = [...kb.sources.values()];
  const own = all.filter((s) =>
    [s.id, s.shortName, s.number, ...(s.aliases ?? [])].some((n) => n !== undefined && nameKey(n) === key),
  );
  return own.length > 0 ? own : all.filter((s) => nameKey(s.publisher) === key);
}

/** The name to give `policybot cite` for a source's own reference: its first alias, short name or id. */
export function citeName(source: Source): string {
  return source.aliases?.[0] ?? source.shortName ?? source.id;
}
