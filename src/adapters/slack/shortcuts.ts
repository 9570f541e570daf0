import type { App } from '@slack/bolt';
import { citeEntries } from '../../core/citations/cite.js';
import { type CiteThis, citeThis } from '../cite-this.js';
import { askModal, registerAskModal } from './ask-modal.js';
import { renderCiteThis } from './cite-this.js';
import { uploadFiles } from './files.js';
import { APOLOGY } from './command.js';
import { guarded } from './guarded.js';
import type { HandlerDeps } from './handlers.js';
import { fromSlack } from './mrkdwn.js';
import { personKey, styleOf } from './people.js';
import { PLATFORM } from './places.js';
import { renderVerification } from './quote-check.js';

/**
 * The app's shortcuts, as the manifests declare them (features.shortcuts; tests/adapters/slack/
 * manifest.test.ts holds the two to each other). A message shortcut acts on a message someone
 * already wrote; a global one opens from the composer's shortcut menu anywhere. Every shortcut is
 * acknowledged at once (Slack allows three seconds) and answers afterwards, however long that takes.
 * Others add theirs to the list.
 */
export interface SlackShortcut {
  readonly type: 'message' | 'global';
  /** What Slack sends back as callback_id (at most 255 characters). */
  readonly callbackId: string;
  /** The name people see in the menu. */
  readonly name: string;
  /** At most 150 characters. */
  readonly description: string;
  register(app: App, deps: HandlerDeps): void;
}

/** "Cite this" on any message: the topic or source its words are about, with its quote and reference. */
export const citeThisShortcut: SlackShortcut = {
  type: 'message',
  callbackId: 'policybot_cite_this',
  name: 'Cite this',
  description: 'The source of what this message says: the topic, its verbatim quote and reference',
  register(app, deps) {
    app.shortcut(
      { callback_id: this.callbackId, type: 'message_action' },
      async ({ shortcut, ack, respond, client }) => {
        await ack();
        const team = shortcut.team?.id ?? shortcut.user.team_id ?? '';
        await guarded(
          deps.logger,
          'cite this',
          async () => {
            const style = await styleOf(deps, team, shortcut.user.id);
            // Slack escapes &, < and > in a message's text, and writes mentions and links as markup.
            const words = fromSlack(shortcut.message.text ?? '');
            const outcome: CiteThis = await citeThis(deps.assistant, words, {
              platform: PLATFORM,
              user: shortcut.user.id,
              ...(style === undefined ? {} : { style }),
            });
            const message = renderCiteThis(outcome, deps.assistant, {
              asked: words,
              style: outcome.kind === 'cited' ? outcome.result.style : (style ?? deps.assistant.defaultStyle),
              shareable: true,
            });
            await respond({ response_type: 'ephemeral', text: message.text, blocks: message.blocks });
            // A record too long for a section: whole in a file, in the person's direct messages.
            await uploadFiles(
              client,
              { kind: 'ephemeral', team, channel: shortcut.channel.id, user: shortcut.user.id },
              message.files ?? [],
            );
            if (outcome.kind === 'cited') await remember(deps, team, shortcut.user.id, outcome);
          },
          () => respond({ response_type: 'ephemeral', text: APOLOGY.text, blocks: APOLOGY.blocks }),
        );
      },
    );
  },
};

/** "Ask policybot" from anywhere: a modal for a longer question, its style, and who sees the answer. */
export const askShortcut: SlackShortcut = {
  type: 'global',
  callbackId: 'policybot_ask',
  name: 'Ask policybot',
  description: 'Ask a longer question, choose the citation style and whether the channel sees the answer',
  register(app, deps) {
    app.shortcut({ callback_id: this.callbackId, type: 'shortcut' }, async ({ shortcut, ack, client }) => {
      await ack();
      const team = shortcut.team?.id ?? shortcut.user.team_id ?? '';
      await guarded(deps.logger, 'ask shortcut', async () => {
        // The trigger is valid for three seconds from the click: the view is opened first of all.
        const style = await styleOf(deps, team, shortcut.user.id);
        await client.views.open({
          trigger_id: shortcut.trigger_id,
          view: askModal(style ?? deps.assistant.defaultStyle),
        });
      });
    });
    registerAskModal(app, deps);
  },
};

/** "Check quotes" on any message: its quotations checked against the sources, for whoever asked. */
export const checkQuotesShortcut: SlackShortcut = {
  type: 'message',
  callbackId: 'policybot_check_quotes',
  name: 'Check quotes',
  description:
    "Check this message's quotations against the sources: exact, altered, misattributed or not found",
  register(app, deps) {
    app.shortcut(
      { callback_id: this.callbackId, type: 'message_action' },
      async ({ shortcut, ack, respond }) => {
        await ack();
        const team = shortcut.team?.id ?? shortcut.user.team_id ?? '';
        await guarded(
          deps.logger,
          'check quotes',
          async () => {
            const style = await styleOf(deps, team, shortcut.user.id);
            // Slack escapes &, < and > in a message's text as in any message.
            const text = fromSlack(shortcut.message.text ?? '');
            const result = await deps.assistant.verify(text, style, {
              platform: PLATFORM,
              user: shortcut.user.id,
            });
            const message = renderVerification(result);
            await respond({ response_type: 'ephemeral', text: message.text, blocks: message.blocks });
          },
          () => respond({ response_type: 'ephemeral', text: APOLOGY.text, blocks: APOLOGY.blocks }),
        );
      },
    );
  },
};

/** Every shortcut, in the order the manifests list them. */
export const SHORTCUTS: readonly SlackShortcut[] = [citeThisShortcut, askShortcut, checkQuotesShortcut];

export function registerShortcuts(app: App, deps: HandlerDeps): void {
  for (const shortcut of SHORTCUTS) shortcut.register(app, deps);
}

/** A citation given, kept for the person's Home tab. */
export async function remember(
  deps: HandlerDeps,
  team: string,
  user: string,
  outcome: Extract<CiteThis, { kind: 'cited' }>,
): Promise<void> {
  const { title, entries } = citeEntries(outcome.result);
  const references = [...new Set(entries.map((e) => e.reference.entry))];
  await deps.recent.add(personKey(team, user), {
    title,
    topic: outcome.topic ?? null,
    references,
    at: Date.now(),
  });
}
