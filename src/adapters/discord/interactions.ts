import {
  type APIApplicationCommandOptionChoice,
  type APIInteraction,
  type APIInteractionResponse,
  type APIInteractionResponseCallbackData,
  ApplicationCommandType,
  ComponentType,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
} from 'discord.js';
import type { FeedbackPort, PolicyAssistant } from '../../core/index.js';
import type { Logger } from '../../runtime/logger.js';
import { COMMANDS, MESSAGE_COMMANDS, type OptionValue } from './commands/index.js';
import { type ComponentPress, handleComponent } from './components.js';
import { noticeMessage, type ReplyMessage } from './render.js';

interface Who {
  readonly channelId: string | null;
  readonly userId: string;
}

/** An interaction as the handlers need it, built from an HTTP payload or from a discord.js object. */
export type InteractionRequest = Who &
  (
    | {
        readonly kind: 'command';
        readonly command: string;
        readonly options: Readonly<Record<string, OptionValue>>;
      }
    | {
        readonly kind: 'autocomplete';
        readonly command: string;
        readonly options: Readonly<Record<string, OptionValue>>;
        readonly focused: { readonly name: string; readonly value: string };
      }
    /** A message's context-menu command (Apps > Check quotes), with the message's text. */
    | { readonly kind: 'message-command'; readonly command: string; readonly text: string }
    | ({ readonly kind: 'component' } & ComponentPress)
    | { readonly kind: 'unsupported'; readonly type: number }
  );

export type InteractionReply =
  | { readonly kind: 'message'; readonly message: ReplyMessage }
  | { readonly kind: 'choices'; readonly choices: APIApplicationCommandOptionChoice<string>[] };

export interface InteractionDeps {
  readonly assistant: PolicyAssistant;
  readonly logger: Logger;
  /** Where "Helpful" / "Not helpful" presses are recorded. */
  readonly feedback?: FeedbackPort;
}

export const APOLOGY =
  'Sorry, something went wrong on my side while answering. Please try again in a moment.';

/** Options of a slash command (no subcommands here), and which one is being typed. */
export function readOptions(list: readonly { name: string; value?: unknown; focused?: boolean }[] = []): {
  options: Record<string, OptionValue>;
  focused: { name: string; value: string } | undefined;
} {
  const options: Record<string, OptionValue> = {};
  let focused: { name: string; value: string } | undefined;
  for (const option of list) {
    const { value } = option;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      options[option.name] = value;
    if (option.focused) focused = { name: option.name, value: String(value ?? '') };
  }
  return { options, focused };
}

/** The shared dispatch: both the gateway and the HTTP endpoint hand every interaction here. It never throws. */
export async function handleInteraction(
  request: InteractionRequest,
  deps: InteractionDeps,
): Promise<InteractionReply> {
  const ask = {
    platform: 'discord',
    conversationId: `discord:${request.channelId ?? 'dm'}:${request.userId}`,
    // For per-user rate limiting in the serving layer; the core ignores it.
    user: request.userId,
  };
  const context = { assistant: deps.assistant, ask };
  try {
    switch (request.kind) {
      case 'command': {
        const command = COMMANDS.get(request.command);
        if (!command) return message(noticeMessage(`I do not know /${request.command}; try /help.`));
        return message(await command.execute(request, context));
      }
      case 'autocomplete': {
        const command = COMMANDS.get(request.command);
        return { kind: 'choices', choices: (await command?.autocomplete?.(request, context)) ?? [] };
      }
      case 'message-command': {
        const command = MESSAGE_COMMANDS.get(request.command);
        if (!command) return message(noticeMessage(`I do not know “${request.command}”; try /help.`));
        return message(await command.execute(request.text, context));
      }
      case 'component':
        return message(await handleComponent(request, deps.assistant, ask, deps.feedback));
      case 'unsupported':
        return message(noticeMessage('I cannot handle that kind of interaction yet.'));
    }
  } catch (error) {
    deps.logger.error(
      {
        err: error instanceof Error ? error.message : String(error),
        kind: request.kind,
        ...('command' in request ? { command: request.command } : {}),
      },
      'discord interaction failed',
    );
    return request.kind === 'autocomplete'
      ? { kind: 'choices', choices: [] }
      : message(noticeMessage(APOLOGY));
  }
}

function message(reply: ReplyMessage): InteractionReply {
  return { kind: 'message', message: reply };
}

/** A raw interaction payload (the HTTP endpoint's body) as a request; PING is the endpoint's to answer. */
export function fromPayload(payload: APIInteraction): InteractionRequest {
  const who: Who = {
    channelId: payload.channel?.id ?? payload.channel_id ?? null,
    userId: payload.member?.user.id ?? payload.user?.id ?? 'unknown',
  };
  switch (payload.type) {
    case InteractionType.ApplicationCommand:
      if (payload.data.type === ApplicationCommandType.Message) {
        const target = payload.data.resolved.messages[payload.data.target_id];
        return { ...who, kind: 'message-command', command: payload.data.name, text: target?.content ?? '' };
      }
      if (payload.data.type !== ApplicationCommandType.ChatInput)
        return { ...who, kind: 'unsupported', type: payload.type };
      return {
        ...who,
        kind: 'command',
        command: payload.data.name,
        options: readOptions(payload.data.options).options,
      };
    case InteractionType.ApplicationCommandAutocomplete: {
      const { options, focused } = readOptions(payload.data.options);
      return {
        ...who,
        kind: 'autocomplete',
        command: payload.data.name,
        options,
        focused: focused ?? { name: '', value: '' },
      };
    }
    case InteractionType.MessageComponent:
      return {
        ...who,
        kind: 'component',
        customId: payload.data.custom_id,
        values: payload.data.component_type === ComponentType.StringSelect ? payload.data.values : [],
        ephemeral: ((payload.message.flags ?? 0) & MessageFlags.Ephemeral) !== 0,
      };
    default:
      return { ...who, kind: 'unsupported', type: payload.type };
  }
}

/** A reply's message as callback data: nothing in it may ping anyone. */
export function callbackData(message: ReplyMessage): APIInteractionResponseCallbackData {
  return {
    ...(message.content === undefined ? {} : { content: message.content }),
    embeds: [...message.embeds],
    components: [...message.components],
    allowed_mentions: { parse: [] },
    ...(message.ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
  };
}

/** The HTTP response body for a reply. */
export function toResponse(reply: InteractionReply): APIInteractionResponse {
  return reply.kind === 'choices'
    ? { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: reply.choices } }
    : { type: InteractionResponseType.ChannelMessageWithSource, data: callbackData(reply.message) };
}
