import { ApplicationCommandType, InteractionType } from 'discord.js';

/**
 * A structural check of an interaction payload before anything reads it. The signature proves the
 * body came from Discord, not that it has the fields we use: a payload without them (an API change,
 * a replayed test body) gets a 400 naming the field, never a 500 from a property of undefined.
 * Only what fromPayload reads is checked; everything else may vary freely.
 */
export function payloadProblem(payload: unknown): string | undefined {
  if (!isObject(payload)) return 'the body is not a JSON object';
  if (!Number.isInteger(payload.type)) return 'type must be an integer';
  if (typeof payload.application_id !== 'string') return 'application_id must be a string';
  if (payload.type === InteractionType.Ping) return undefined;
  // Each interaction is answered once, by its id.
  if (typeof payload.id !== 'string' || payload.id === '') return 'id must be a string';
  const who = isObject(payload.member) ? payload.member.user : payload.user;
  if (who !== undefined && !(isObject(who) && typeof who.id === 'string')) return 'user.id must be a string';
  if (payload.channel !== undefined && !(isObject(payload.channel) && typeof payload.channel.id === 'string'))
    return 'channel.id must be a string';
  if (payload.channel_id !== undefined && typeof payload.channel_id !== 'string')
    return 'channel_id must be a string';
  const { data } = payload;
  switch (payload.type) {
    case InteractionType.ApplicationCommand:
    case InteractionType.ApplicationCommandAutocomplete:
      if (!isObject(data) || typeof data.name !== 'string') return 'data.name must be a string';
      if (data.options !== undefined && !isOptionList(data.options))
        return 'data.options must be a list of options with names';
      // A message context-menu command names its message and carries it resolved.
      if (data.type === ApplicationCommandType.Message) {
        if (typeof data.target_id !== 'string') return 'data.target_id must be a string';
        const resolved = isObject(data.resolved) ? data.resolved.messages : undefined;
        if (!isObject(resolved)) return 'data.resolved.messages must be an object';
      }
      return undefined;
    case InteractionType.ModalSubmit:
      if (!isObject(data) || typeof data.custom_id !== 'string') return 'data.custom_id must be a string';
      if (!Array.isArray(data.components)) return 'data.components must be a list';
      return undefined;
    case InteractionType.MessageComponent:
      if (!isObject(data) || typeof data.custom_id !== 'string') return 'data.custom_id must be a string';
      if (
        data.values !== undefined &&
        !(Array.isArray(data.values) && data.values.every((v) => typeof v === 'string'))
      )
        return 'data.values must be a list of strings';
      if (!isObject(payload.message)) return 'message must be an object';
      if (payload.message.flags !== undefined && !Number.isInteger(payload.message.flags))
        return 'message.flags must be an integer';
      return undefined;
    default:
      return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isOptionList(value: unknown): boolean {
  return Array.isArray(value) && value.every((o) => isObject(o) && typeof o.name === 'string');
}
