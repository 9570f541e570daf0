import type { App, BlockAction, ButtonAction, StaticSelectAction, types, webApi } from '@slack/bolt';
import {
  CITATION_STYLES,
  type CitationStyle,
  isCitationStyle,
  STYLE_LABELS,
} from '../../core/citations/styles.js';
import type { PolicyAssistant } from '../../core/index.js';
import type { RecentAnswer } from '../../state/recent.js';
import { GROUP_LABELS, topicsByGroup } from '../cite-this.js';
import { ACTION_IDS, decodeValue, encodeValue, HOME_TOPIC_ACTION, homeTopicActionId } from './actions.js';
import { filesGoTo, uploadFiles } from './files.js';
import { guarded } from './guarded.js';
import type { HandlerDeps } from './handlers.js';
import { escapeText, truncate } from './mrkdwn.js';
import { personKey, styleOf } from './people.js';
import { PLATFORM, type Place } from './places.js';
import { type Block, LIMITS, renderAnswer } from './render.js';

/** A Home tab holds at most 100 blocks; a modal's title at most 24 characters. */
const HOME_BLOCKS = 100;
const MODAL_TITLE = 24;

const styleOption = (style: CitationStyle): types.PlainTextOption => ({
  text: { type: 'plain_text', text: truncate(STYLE_LABELS[style], 75), emoji: false },
  value: style,
});

/**
 * The person's Home tab: their citation style (what every answer and citation they get in Slack
 * is in, stored per person), every topic by group to open, and their last answers with references.
 */
export function homeView(
  assistant: PolicyAssistant,
  style: CitationStyle | undefined,
  recent: readonly RecentAnswer[],
): types.HomeView {
  const current = style ?? assistant.defaultStyle;
  const blocks: Block[] = [
    { type: 'header', text: { type: 'plain_text', text: 'policybot', emoji: false } },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: 'Answers on the threats from transnational criminal organizations and the ten solutions 1787 proposes, each with its verbatim quote and a reference ready to paste.',
      },
    },
    {
      type: 'section',
      block_id: 'style',
      text: {
        type: 'mrkdwn',
        text: `*Your citation style*\nEvery answer and citation you get from me in Slack uses it, unless you name another. Now: *${escapeText(STYLE_LABELS[current])}*${style === undefined ? ' (the default)' : ''}.`,
      },
      accessory: {
        type: 'static_select',
        action_id: ACTION_IDS.homeStyle,
        options: CITATION_STYLES.map(styleOption),
        initial_option: styleOption(current),
      },
    },
    { type: 'divider' },
  ];
  for (const { group, topics } of topicsByGroup(assistant)) {
    blocks.push({
      type: 'header',
      text: { type: 'plain_text', text: truncate(GROUP_LABELS[group], LIMITS.headerText), emoji: false },
    });
    // Action ids are unique within a block; an actions block holds 25 elements.
    for (let start = 0; start < topics.length; start += LIMITS.actionsElements) {
      blocks.push({
        type: 'actions',
        elements: topics.slice(start, start + LIMITS.actionsElements).map(
          (t, i): types.Button => ({
            type: 'button',
            action_id: homeTopicActionId(start + i),
            text: { type: 'plain_text', text: truncate(t.title, LIMITS.buttonText), emoji: false },
            value: encodeValue({ topic: t.intent }),
          }),
        ),
      });
    }
  }
  blocks.push(
    { type: 'divider' },
    { type: 'header', text: { type: 'plain_text', text: 'Your last answers', emoji: false } },
  );
  if (recent.length === 0) {
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: 'None yet: ask with `/policy`, or use *Cite this* on a message.' }],
    });
  }
  for (const answer of recent) {
    if (blocks.length >= HOME_BLOCKS - 1) break;
    const when = `<!date^${Math.floor(answer.at / 1000)}^{date_short_pretty} {time}|${new Date(answer.at).toISOString()}>`;
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: truncate(`*${escapeText(answer.title)}* · ${when}`, LIMITS.sectionText) },
    });
    if (answer.references.length > 0) {
      blocks.push({
        type: 'context',
        elements: answer.references
          .slice(0, LIMITS.contextElements)
          .map((r) => ({ type: 'mrkdwn' as const, text: truncate(escapeText(r), LIMITS.contextText) })),
      });
    }
  }
  return { type: 'home', blocks: blocks.slice(0, HOME_BLOCKS) };
}

export function registerHome(app: App, deps: HandlerDeps): void {
  const { assistant, logger } = deps;

  const publish = async (client: webApi.WebClient, team: string, user: string) => {
    const key = personKey(team, user);
    const [preferences, recent] = await Promise.all([deps.preferences.get(key), deps.recent.list(key)]);
    await client.views.publish({ user_id: user, view: homeView(assistant, preferences.style, recent) });
  };

  app.event('app_home_opened', async ({ event, context, body, client }) => {
    if (event.tab !== 'home') return;
    const team = context.teamId ?? (body as { team_id?: string }).team_id ?? '';
    await guarded(logger, 'home', () => publish(client, team, event.user));
  });

  // The style picker: kept for this person only, and the tab shown again with it.
  app.action<BlockAction<StaticSelectAction>>(ACTION_IDS.homeStyle, async ({ ack, body, action, client }) => {
    await ack();
    const team = body.team?.id ?? body.user.team_id ?? '';
    await guarded(logger, 'home style', async () => {
      const style = action.selected_option?.value;
      if (style === undefined || !isCitationStyle(style)) throw new Error('malformed menu');
      await deps.preferences.set(personKey(team, body.user.id), { style });
      await publish(client, team, body.user.id);
    });
  });

  // A topic on the Home tab: its answer in a modal, in the person's style.
  app.action<BlockAction<ButtonAction>>(HOME_TOPIC_ACTION, async ({ ack, body, action, client }) => {
    await ack();
    const team = body.team?.id ?? body.user.team_id ?? '';
    await guarded(logger, 'home topic', async () => {
      const topic = decodeValue(action.value)?.topic;
      if (topic == null) throw new Error('malformed button');
      const style = await styleOf(deps, team, body.user.id);
      const answer = await assistant.showTopic(topic, {
        platform: PLATFORM,
        user: body.user.id,
        ...(style === undefined ? {} : { style }),
      });
      // A modal carries no files: any (a record too long for a section) go to the person's DM, as the modal says.
      const place: Place = { kind: 'ephemeral', team, channel: '', user: body.user.id };
      const { blocks, files } = renderAnswer(answer, { buttons: false, files: filesGoTo(place) });
      await client.views.open({
        trigger_id: body.trigger_id,
        view: {
          type: 'modal',
          title: { type: 'plain_text', text: truncate(answer.title, MODAL_TITLE), emoji: false },
          close: { type: 'plain_text', text: 'Close' },
          blocks,
        },
      });
      await uploadFiles(client, place, files ?? []);
    });
  });
}
