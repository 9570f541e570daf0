import type { App, types, ViewSubmitAction } from '@slack/bolt';
import {
  CITATION_STYLES,
  type CitationStyle,
  isCitationStyle,
  STYLE_LABELS,
} from '../../core/citations/styles.js';
import { DEFAULT_MAX_QUESTION_LENGTH } from '../../core/index.js';
import { APOLOGY } from './command.js';
import { answerFiles } from '../files.js';
import { filesGoTo, filesToPoster, uploadFiles } from './files.js';
import { guarded } from './guarded.js';
import type { HandlerDeps } from './handlers.js';
import { rememberAnswer } from './people.js';
import { conversationId, PLATFORM, type Place } from './places.js';
import { renderAnswer } from './render.js';

/** The modal's callback id, and its inputs' block ids (each input's element is `value`). */
export const ASK_VIEW = 'policybot_ask_view';
export const ASK_BLOCKS = {
  question: 'question',
  style: 'style',
  where: 'where',
  visibility: 'visibility',
} as const;
const VALUE = 'value';

/** Slack's cap on a plain-text input, and the core's on a question. */
const QUESTION_MAX = Math.min(3000, DEFAULT_MAX_QUESTION_LENGTH);

const styleOption = (style: CitationStyle): types.PlainTextOption => ({
  text: { type: 'plain_text', text: STYLE_LABELS[style].slice(0, 75), emoji: false },
  value: style,
});

const VISIBILITY: Record<'channel' | 'me', types.PlainTextOption> = {
  me: { text: { type: 'plain_text', text: 'Only me', emoji: false }, value: 'me' },
  channel: {
    text: { type: 'plain_text', text: 'Everyone in the conversation', emoji: false },
    value: 'channel',
  },
};

/**
 * "Ask policybot": the question, the citation style (the person's own default first), where to
 * answer and who sees it. The conversation picker's `response_url_enabled` gives the submission a
 * reply address for the chosen conversation, so the answer reaches it whether or not the bot is a
 * member there, as a slash command's does.
 */
export function askModal(style: CitationStyle): types.ModalView {
  return {
    type: 'modal',
    callback_id: ASK_VIEW,
    title: { type: 'plain_text', text: 'Ask policybot' },
    submit: { type: 'plain_text', text: 'Ask' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'input',
        block_id: ASK_BLOCKS.question,
        label: { type: 'plain_text', text: 'Your question' },
        element: {
          type: 'plain_text_input',
          action_id: VALUE,
          multiline: true,
          max_length: QUESTION_MAX,
          placeholder: {
            type: 'plain_text',
            text: 'e.g. what does the report say about fentanyl, and what does 1787 propose?',
          },
        },
      },
      {
        type: 'input',
        block_id: ASK_BLOCKS.style,
        label: { type: 'plain_text', text: 'Citation style' },
        element: {
          type: 'static_select',
          action_id: VALUE,
          options: CITATION_STYLES.map(styleOption),
          initial_option: styleOption(style),
        },
      },
      {
        type: 'input',
        block_id: ASK_BLOCKS.where,
        label: { type: 'plain_text', text: 'Answer in' },
        element: {
          type: 'conversations_select',
          action_id: VALUE,
          default_to_current_conversation: true,
          response_url_enabled: true,
        },
      },
      {
        type: 'input',
        block_id: ASK_BLOCKS.visibility,
        label: { type: 'plain_text', text: 'Who sees the answer' },
        element: {
          type: 'radio_buttons',
          action_id: VALUE,
          options: [VISIBILITY.me, VISIBILITY.channel],
          initial_option: VISIBILITY.me,
        },
      },
    ],
  };
}

/** The state of a submitted view: block id, then action id, then the element's value. */
type ViewState = Record<
  string,
  Record<
    string,
    {
      value?: string | null;
      selected_option?: { value?: string } | null;
      selected_conversation?: string | null;
    }
  >
>;

export function registerAskModal(app: App, deps: HandlerDeps): void {
  app.view<ViewSubmitAction>(
    { callback_id: ASK_VIEW, type: 'view_submission' },
    async ({ ack, body, view, respond }) => {
      const values = view.state.values as ViewState;
      const question = (values[ASK_BLOCKS.question]?.[VALUE]?.value ?? '').trim();
      if (question === '') {
        await ack({ response_action: 'errors', errors: { [ASK_BLOCKS.question]: 'Type a question first.' } });
        return;
      }
      // Closes the modal at once; the answer follows, however long it takes.
      await ack();
      const chosen = values[ASK_BLOCKS.style]?.[VALUE]?.selected_option?.value;
      const style = chosen !== undefined && isCitationStyle(chosen) ? chosen : undefined;
      const everyone = values[ASK_BLOCKS.visibility]?.[VALUE]?.selected_option?.value === 'channel';
      const team = body.team?.id ?? body.user.team_id ?? '';
      const channel =
        body.response_urls?.[0]?.channel_id ?? values[ASK_BLOCKS.where]?.[VALUE]?.selected_conversation ?? '';
      const user = body.user.id;
      const place: Place = { kind: 'ephemeral', team, channel, user };
      const send = async (message: { text: string; blocks: types.KnownBlock[] }) => {
        const reply = {
          response_type: everyone ? 'in_channel' : 'ephemeral',
          text: message.text,
          blocks: message.blocks,
        } as const;
        if (body.response_urls?.[0] !== undefined) await respond(reply);
        // No conversation came with it (Slack sends none for a view without the picker): the DM with the bot.
        else await deps.outbox.post(app.client, user, message);
      };
      await guarded(
        deps.logger,
        'ask modal',
        async () => {
          const answer = await deps.assistant.ask(question, {
            platform: PLATFORM,
            conversationId: conversationId(place),
            user,
            ...(style === undefined ? {} : { style }),
          });
          // Its files (a bibliography's, a record too long for a section) go to the person's direct
          // messages: when only they see it, as a private answer's; when everyone does, the message
          // says nothing of files (the bot may not be in the conversation to upload there) and the
          // person alone is told where they went, as Share does.
          const message = renderAnswer(
            answer,
            everyone
              ? { asked: question, files: 'not-sent' }
              : { shareQuestion: question, files: filesGoTo(place) },
          );
          await send(message);
          await rememberAnswer(deps, team, user, answer);
          if (!everyone) await uploadFiles(app.client, place, message.files ?? []);
          else if (body.response_urls?.[0] !== undefined)
            await filesToPoster(app.client, respond, place, answer);
          // With no conversation the answer went to the DM with the bot: its files follow it there.
          else await uploadFiles(app.client, place, answerFiles(answer));
        },
        () => send(APOLOGY),
      );
    },
  );
}
