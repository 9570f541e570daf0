import { TEAM_ID } from './fake-slack.js';

// Interaction payloads shaped as Slack sends them (its shortcut, view_submission and event
// references): what a person's click in Slack turns into.

const user = (id = 'U0001') => ({ id, username: 'ana', name: 'ana', team_id: TEAM_ID });

/** A message shortcut ("Cite this") used on a message: type message_action, with the message and a response_url. */
export function messageShortcut(
  callbackId: string,
  message: { text: string; ts: string; user?: string },
  where: { channel: string; responseUrl: string; user?: string },
): Record<string, unknown> {
  return {
    type: 'message_action',
    token: 'legacy-verification-token',
    action_ts: '1700000300.000001',
    team: { id: TEAM_ID, domain: 'test' },
    user: user(where.user),
    channel: { id: where.channel, name: 'policy' },
    is_enterprise_install: false,
    enterprise: null,
    callback_id: callbackId,
    trigger_id: '1.2.3.cite',
    response_url: where.responseUrl,
    message_ts: message.ts,
    message: { type: 'message', user: message.user ?? 'U0002', ts: message.ts, text: message.text },
  };
}

/** A global shortcut from the composer's menu: type shortcut, no message, no channel, no response_url. */
export function globalShortcut(callbackId: string, userId = 'U0001'): Record<string, unknown> {
  return {
    type: 'shortcut',
    token: 'legacy-verification-token',
    action_ts: '1700000300.000002',
    team: { id: TEAM_ID, domain: 'test' },
    user: user(userId),
    is_enterprise_install: false,
    enterprise: null,
    callback_id: callbackId,
    trigger_id: '1.2.3.ask',
  };
}

/** A modal submitted: its state values, and the response_urls a conversations_select with response_url_enabled gives. */
export function viewSubmission(
  view: { callback_id: string; blocks: unknown[] },
  values: Record<string, Record<string, unknown>>,
  responseUrls: Array<{ block_id: string; channel_id: string; response_url: string }>,
  userId = 'U0001',
): Record<string, unknown> {
  return {
    type: 'view_submission',
    team: { id: TEAM_ID, domain: 'test' },
    user: user(userId),
    api_app_id: 'A0001',
    token: 'legacy-verification-token',
    trigger_id: '1.2.3.submit',
    view: {
      id: 'V0001',
      team_id: TEAM_ID,
      type: 'modal',
      callback_id: view.callback_id,
      blocks: view.blocks,
      private_metadata: '',
      state: { values },
      hash: '1700000300.abc',
      title: { type: 'plain_text', text: 'Ask policybot' },
      app_id: 'A0001',
      bot_id: 'BBOT',
    },
    response_urls: responseUrls.map((r) => ({ ...r, action_id: 'value' })),
    is_enterprise_install: false,
    enterprise: null,
  };
}

/** A static select chosen in a message or on the Home tab (block_actions). */
export function selectChosen(
  select: { action_id: string },
  value: string,
  where:
    | { kind: 'message'; channel: string; messageTs: string; ephemeral?: boolean; responseUrl: string }
    | { kind: 'home'; userId?: string },
): Record<string, unknown> {
  const action = {
    type: 'static_select',
    action_id: select.action_id,
    block_id: 'b1',
    action_ts: '1700000300.000003',
    selected_option: { text: { type: 'plain_text', text: value }, value },
  };
  const base = {
    type: 'block_actions',
    user: user(where.kind === 'home' ? where.userId : undefined),
    api_app_id: 'A0001',
    token: 'legacy-verification-token',
    trigger_id: '1.2.3.select',
    team: { id: TEAM_ID, domain: 'test' },
    enterprise: null,
    is_enterprise_install: false,
    actions: [action],
  };
  if (where.kind === 'home') {
    return {
      ...base,
      container: { type: 'view', view_id: 'V0002' },
      view: { id: 'V0002', type: 'home', team_id: TEAM_ID, blocks: [], state: { values: {} }, hash: 'h' },
    };
  }
  return {
    ...base,
    container: {
      type: 'message',
      message_ts: where.messageTs,
      channel_id: where.channel,
      is_ephemeral: where.ephemeral === true,
    },
    channel: { id: where.channel, name: 'policy' },
    state: { values: {} },
    response_url: where.responseUrl,
  };
}
