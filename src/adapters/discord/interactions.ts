import {
  type APIApplicationCommandOptionChoice,
  type APIInteraction,
  type APIInteractionResponse,
  type APIInteractionResponseCallbackData,
  type APIModalInteractionResponseCallbackData,
  ApplicationCommandType,
  ComponentType,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  type RawFile,
} from 'discord.js';
import { isCitationStyle } from '../../core/citations/styles.js';
import type { AskContext, FeedbackPort, PolicyAssistant } from '../../core/index.js';
import type { Logger } from '../../runtime/logger.js';
import { MemoryStateStore } from '../../state/memory/store.js';
import { type PreferenceStore, preferenceStore } from '../../state/preferences.js';
import { type KeptAnswers, keptAnswers } from '../../state/kept-answers.js';
import { answer, QUESTION_INPUT, STYLE_INPUT, VISIBILITY_INPUT } from './commands/ask.js';
import { COMMANDS, isModal, MESSAGE_COMMANDS, type OptionValue } from './commands/index.js';
import { type ComponentPress, handleComponent } from './components.js';
import { decodeAction } from './custom-id.js';
import { LIMITS } from './limits.js';
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
    /** A modal submitted: its custom_id and each text input's value by its custom_id. */
    | { readonly kind: 'modal'; readonly customId: string; readonly fields: Readonly<Record<string, string>> }
    | { readonly kind: 'unsupported'; readonly type: number }
  );

export type InteractionReply =
  | { readonly kind: 'message'; readonly message: ReplyMessage }
  /** A form to fill in first (Discord's modal), shown at once: it cannot be deferred. */
  | { readonly kind: 'modal'; readonly modal: APIModalInteractionResponseCallbackData }
  | { readonly kind: 'choices'; readonly choices: APIApplicationCommandOptionChoice<string>[] };

export interface InteractionDeps {
  readonly assistant: PolicyAssistant;
  readonly logger: Logger;
  /** Where "Helpful" / "Not helpful" presses are recorded. */
  readonly feedback?: FeedbackPort;
  /** Each person's own choices (`/style`): the state store's, shared by replicas when it is Redis. */
  readonly preferences?: PreferenceStore;
  /** Private answers, whole, under their reference, for "Share" (the state store's, like preferences). */
  readonly kept?: KeptAnswers;
}

/** Where preferences and kept answers live when none were given: this process's memory. */
const localState = new MemoryStateStore();
const localPreferences = preferenceStore(localState);
const localKept = keptAnswers(localState);

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
  const preferences = deps.preferences ?? localPreferences;
  const kept = deps.kept ?? localKept;
  // Discord's user ids are global: one person's choices hold in every server and DM.
  const person = `discord:${request.userId}`;
  try {
    // Not for autocomplete: a suggestion needs no style, and must not wait on the store.
    const style = request.kind === 'autocomplete' ? undefined : (await preferences.get(person)).style;
    const ask: AskContext = {
      platform: 'discord',
      conversationId: `discord:${request.channelId ?? 'dm'}:${request.userId}`,
      // For per-user rate limiting in the serving layer; the core ignores it.
      user: request.userId,
      // The person's own default citation style (/style), where they chose one.
      ...(style === undefined ? {} : { style }),
    };
    const context = { assistant: deps.assistant, ask, preferences, person, kept };
    switch (request.kind) {
      case 'command': {
        const command = COMMANDS.get(request.command);
        if (!command) return message(noticeMessage(`I do not know /${request.command}; try /help.`));
        const reply = await command.execute(request, context);
        return isModal(reply) ? { kind: 'modal', modal: reply.modal } : message(reply);
      }
      case 'modal': {
        const action = decodeAction(request.customId);
        const question = request.fields[QUESTION_INPUT]?.trim() ?? '';
        if (action?.kind !== 'askModal')
          return message(
            noticeMessage('That form is from an older version of me. Please ask again with /ask.'),
          );
        if (question === '') return message(noticeMessage('Type a question first.'));
        // The form's selects, where the client sent them; else what the command chose.
        const picked = request.fields[STYLE_INPUT];
        const style = picked !== undefined && isCitationStyle(picked) ? picked : action.style;
        const seen = request.fields[VISIBILITY_INPUT];
        const ephemeral = seen === 'me' ? true : seen === 'channel' ? false : action.private;
        return message(await answer(question, style, ephemeral, context));
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
        return message(
          await handleComponent(request, {
            assistant: deps.assistant,
            ask,
            kept,
            ...(deps.feedback === undefined ? {} : { feedback: deps.feedback }),
          }),
        );
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
    case InteractionType.ModalSubmit:
      return {
        ...who,
        kind: 'modal',
        customId: payload.data.custom_id,
        fields: modalFields(payload.data.components),
      };
    default:
      return { ...who, kind: 'unsupported', type: payload.type };
  }
}

/**
 * A submitted modal's text inputs by custom_id, wherever they sit: in action rows (the classic
 * layout) or in labels (the newer one). Anything that is not a text input is passed over.
 */
export function modalFields(components: unknown): Record<string, string> {
  const fields: Record<string, string> = {};
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) for (const child of node) walk(child);
    else if (typeof node === 'object' && node !== null) {
      const { custom_id, value, values, components: children, component } = node as Record<string, unknown>;
      if (typeof custom_id === 'string' && typeof value === 'string') fields[custom_id] = value;
      // A select: its (single) choice.
      if (typeof custom_id === 'string' && Array.isArray(values) && typeof values[0] === 'string')
        fields[custom_id] = values[0];
      walk(children);
      walk(component);
    }
  };
  walk(components);
  return fields;
}

/**
 * A reply's message as callback data: nothing in it may ping anyone. Its files are named in
 * `attachments` by their index, which is the `files[n]` part each is sent in (see `rawFiles`).
 */
export function callbackData(message: ReplyMessage): APIInteractionResponseCallbackData {
  const files = message.files ?? [];
  return {
    ...(message.content === undefined ? {} : { content: message.content }),
    embeds: [...message.embeds],
    components: [...message.components],
    allowed_mentions: { parse: [] },
    ...(message.ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
    ...(files.length > 0
      ? {
          attachments: files.map((f, id) => ({
            id: String(id),
            filename: f.name,
            description: f.title.slice(0, LIMITS.attachmentDescription),
          })),
        }
      : {}),
  };
}

/** A reply's files as discord.js's REST sends them: multipart parts `files[n]`, beside `payload_json`. */
export function rawFiles(reply: InteractionReply): RawFile[] {
  if (reply.kind !== 'message') return [];
  return (reply.message.files ?? []).map((f, id) => ({
    key: `files[${id}]`,
    name: f.name,
    data: Buffer.from(f.content, 'utf8'),
    contentType:
      f.mediaType ?? CONTENT_TYPES[f.name.slice(f.name.lastIndexOf('.') + 1)] ?? 'text/plain; charset=utf-8',
  }));
}

/** What each file is, for the client that opens it. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  bib: 'application/x-bibtex; charset=utf-8',
  ris: 'application/x-research-info-systems; charset=utf-8',
  json: 'application/vnd.citationstyles.csl+json; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
};

/** The HTTP response body for a reply. */
export function toResponse(reply: InteractionReply): APIInteractionResponse {
  switch (reply.kind) {
    case 'choices':
      return {
        type: InteractionResponseType.ApplicationCommandAutocompleteResult,
        data: { choices: reply.choices },
      };
    case 'modal':
      return { type: InteractionResponseType.Modal, data: reply.modal };
    case 'message':
      return { type: InteractionResponseType.ChannelMessageWithSource, data: callbackData(reply.message) };
  }
}
