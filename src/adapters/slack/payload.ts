import { parse } from 'node:querystring';

/**
 * A structural check of a request body to /slack/events, before Bolt sees it. Bolt answers bad
 * JSON with a 400 itself, but a body it cannot type (no `event`, no `command`) it leaves unanswered
 * until its 3-second timeout gives a 404, and a field of the wrong type reaches our listeners.
 * Only what the listeners read is checked; anything else Slack adds may vary freely.
 */
export function slackBodyProblem(raw: string, contentType: string): string | undefined {
  if (contentType.split(';')[0]?.trim() === 'application/x-www-form-urlencoded') {
    const form = parse(raw);
    if (form.ssl_check === '1') return undefined;
    if (typeof form.payload === 'string') {
      let payload: unknown;
      try {
        payload = JSON.parse(form.payload);
      } catch {
        return 'payload is not JSON';
      }
      return interactionProblem(payload);
    }
    if (form.command !== undefined) return commandProblem(form);
    return 'neither a slash command nor an interaction payload';
  }
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return 'the body is not JSON';
  }
  if (!isObject(body)) return 'the body is not a JSON object';
  if (body.type === 'url_verification')
    return typeof body.challenge === 'string' ? undefined : 'challenge must be a string';
  if (body.type !== 'event_callback')
    return typeof body.type === 'string' ? undefined : 'type must be a string';
  if (!isObject(body.event) || typeof body.event.type !== 'string') return 'event.type must be a string';
  for (const field of ['text', 'channel', 'channel_type', 'user', 'ts', 'thread_ts', 'subtype', 'bot_id']) {
    const value = body.event[field];
    if (value !== undefined && value !== null && typeof value !== 'string')
      return `event.${field} must be a string`;
  }
  return undefined;
}

function commandProblem(form: Record<string, string | string[] | undefined>): string | undefined {
  for (const field of ['command', 'user_id', 'channel_id', 'team_id']) {
    if (typeof form[field] !== 'string') return `${field} must be given once`;
  }
  if (form.text !== undefined && typeof form.text !== 'string') return 'text must be given once';
  return undefined;
}

function interactionProblem(payload: unknown): string | undefined {
  if (!isObject(payload) || typeof payload.type !== 'string') return 'payload.type must be a string';
  if (!isObject(payload.user) || typeof payload.user.id !== 'string')
    return 'payload.user.id must be a string';
  if (payload.type !== 'block_actions') return undefined;
  if (!Array.isArray(payload.actions) || payload.actions.length === 0)
    return 'payload.actions must be a list';
  for (const action of payload.actions) {
    if (!isObject(action) || typeof action.action_id !== 'string')
      return 'payload.actions[].action_id must be a string';
    if (action.value !== undefined && typeof action.value !== 'string')
      return 'payload.actions[].value must be a string';
  }
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
