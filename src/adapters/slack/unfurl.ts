import type { App, types } from '@slack/bolt';
import { citeEntries } from '../../core/citations/cite.js';
import { longDate } from '../../core/citations/dates.js';
import { STYLE_LABELS } from '../../core/citations/styles.js';
import type { PolicyAssistant } from '../../core/index.js';
import { sourceAt } from '../../knowledge/source-links.js';
import type { Source } from '../../knowledge/types.js';
import { guarded } from './guarded.js';
import type { HandlerDeps } from './handlers.js';
import { escapeText, truncate } from './mrkdwn.js';
import { LIMITS } from './render.js';

/** Slack unfurls at most this many links of a message. */
const MAX_LINKS = 5;

/**
 * A link to a source the knowledge base holds (content/sources.yaml's addresses), unfurled with the
 * source's title, publisher and date and its reference in the bot's default style; undefined for
 * any other link, which is left as Slack shows it.
 */
export async function unfurlOf(
  assistant: PolicyAssistant,
  link: string,
): Promise<types.KnownBlock[] | undefined> {
  const source = sourceAt(assistant.knowledgeBase, link);
  if (source === undefined) return undefined;
  const result = await assistant.cite(source.id);
  if (result.kind === 'none' || result.kind === 'rate-limited') return undefined;
  const { entries } = citeEntries(result);
  const own = entries[0]?.reference;
  const about = [source.publisher, source.date === undefined ? undefined : longDate(source.date)]
    .filter((part): part is string => part !== undefined)
    .map(escapeText)
    .join(' · ');
  const blocks: types.KnownBlock[] = [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: truncate(`*${escapeText(titleOf(source))}*\n${about}`, LIMITS.sectionText),
      },
    },
  ];
  if (own !== undefined) {
    blocks.push({
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: truncate(
            `*${escapeText(STYLE_LABELS[result.style])}:* ${escapeText(own.entry)}`,
            LIMITS.contextText,
          ),
        },
      ],
    });
  }
  return blocks;
}

function titleOf(source: Source): string {
  return source.title ?? source.number ?? source.description ?? source.id;
}

/** link_shared: the links to known sources are unfurled in one chat.unfurl; the others get nothing. */
export function registerUnfurls(app: App, deps: HandlerDeps): void {
  app.event('link_shared', async ({ event, client }) => {
    await guarded(deps.logger, 'unfurl', async () => {
      const unfurls: Record<string, { blocks: types.KnownBlock[] }> = {};
      for (const { url } of event.links.slice(0, MAX_LINKS)) {
        const blocks = await unfurlOf(deps.assistant, url);
        // Keyed by the URL exactly as Slack sent it: that is how Slack matches the unfurl to the link.
        if (blocks !== undefined) unfurls[url] = { blocks };
      }
      if (Object.keys(unfurls).length === 0) return;
      // A link typed in the composer (not yet posted) is unfurled by its unfurl_id; a posted one by its message.
      const where =
        event.source === 'composer' && event.unfurl_id !== undefined
          ? { unfurl_id: event.unfurl_id, source: 'composer' as const }
          : { channel: event.channel, ts: event.message_ts };
      await client.chat.unfurl({ ...where, unfurls });
    });
  });
}
