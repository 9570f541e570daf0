import type { App, BlockAction, ButtonAction, StaticSelectAction } from '@slack/bolt';
import { citeKey } from '../cite-this.js';
import { ACTION_IDS, decodeCitationValue } from './actions.js';
import { renderCiteThis } from './cite-this.js';
import { APOLOGY } from './command.js';
import { guarded } from './guarded.js';
import type { HandlerDeps } from './handlers.js';
import { cannotPostHere } from './interactions.js';
import { styleOf } from './people.js';
import { type ActionBody, PLATFORM, placeOfAction } from './places.js';
import { remember } from './shortcuts.js';

/** The buttons and menus of a "Cite this" reply. */
export function registerCiteActions(app: App, deps: HandlerDeps): void {
  const { assistant, logger } = deps;

  // "Share in channel": the citation the private reply showed, cited again from the key and style it
  // carries (nothing is read again from the message), posted for everyone; the private copy goes.
  app.action<BlockAction<ButtonAction>>(
    ACTION_IDS.shareCitation,
    async ({ ack, body, action, client, respond }) => {
      await ack();
      const place = placeOfAction(body as ActionBody);
      await guarded(
        logger,
        'share citation',
        async () => {
          const value = decodeCitationValue(action.value);
          if (value === undefined || place === undefined) throw new Error('malformed button');
          const outcome = await citeKey(assistant, value.key, value.style, {
            platform: PLATFORM,
            ...(body.user?.id === undefined ? {} : { user: body.user.id }),
          });
          if (outcome.kind !== 'cited') throw new Error(`nothing to cite for ${value.key}`);
          const message = renderCiteThis(outcome, assistant, { style: value.style, shareable: false });
          try {
            await deps.outbox.post(client, place.channel, message);
          } catch (error) {
            if (!cannotPostHere(error)) throw error;
            // A conversation the bot is not in: the reply address of the click reaches it anyway.
            await respond({
              response_type: 'in_channel',
              replace_original: false,
              text: message.text,
              blocks: message.blocks,
            });
          }
          await respond({ delete_original: true });
        },
        () =>
          respond({
            response_type: 'ephemeral',
            replace_original: false,
            text: APOLOGY.text,
            blocks: APOLOGY.blocks,
          }),
      );
    },
  );

  // "Not this one?": the topic picked, cited in place of the one the reply showed.
  app.action<BlockAction<StaticSelectAction>>(ACTION_IDS.citePick, async ({ ack, body, action, respond }) => {
    await ack();
    const team = body.team?.id ?? body.user.team_id ?? '';
    await guarded(
      logger,
      'cite pick',
      async () => {
        const topic = action.selected_option?.value;
        if (topic === undefined || !assistant.knowledgeBase.topics.has(topic))
          throw new Error('malformed menu');
        const style = await styleOf(deps, team, body.user.id);
        const outcome = await citeKey(assistant, topic, undefined, {
          platform: PLATFORM,
          user: body.user.id,
          ...(style === undefined ? {} : { style }),
        });
        const message = renderCiteThis(outcome, assistant, {
          style: outcome.kind === 'cited' ? outcome.result.style : (style ?? assistant.defaultStyle),
          shareable: true,
        });
        await respond({
          response_type: 'ephemeral',
          replace_original: true,
          text: message.text,
          blocks: message.blocks,
        });
        if (outcome.kind === 'cited') await remember(deps, team, body.user.id, outcome);
      },
      () =>
        respond({
          response_type: 'ephemeral',
          replace_original: false,
          text: APOLOGY.text,
          blocks: APOLOGY.blocks,
        }),
    );
  });
}
