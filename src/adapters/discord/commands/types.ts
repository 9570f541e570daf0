import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandOptionChoice,
  type APIModalInteractionResponseCallbackData,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { AskContext, PolicyAssistant } from '../../../core/index.js';
import type { KeptAnswers } from '../../../state/kept-answers.js';
import type { PreferenceStore } from '../../../state/preferences.js';
import type { ReplyMessage } from '../render.js';

export type OptionValue = string | number | boolean;

/** A slash command as the adapter sees it, whichever way it arrived (gateway or HTTP). */
export interface CommandRequest {
  readonly command: string;
  readonly options: Readonly<Record<string, OptionValue>>;
}

export interface AutocompleteRequest extends CommandRequest {
  /** The option being typed and what has been typed so far. */
  readonly focused: { readonly name: string; readonly value: string };
}

export interface CommandContext {
  readonly assistant: PolicyAssistant;
  /** platform 'discord', the conversation (keyed by channel and user), and the person's own style. */
  readonly ask: AskContext;
  /** The person's own choices (`/style`), under `person`. */
  readonly preferences: PreferenceStore;
  /** The person in the state store: `discord:<user id>` (Discord's ids are global). */
  readonly person: string;
  /** Private answers, whole, under their reference: what "Share" posts. */
  readonly kept: KeptAnswers;
}

/** What a command answers with: a message, or a form to fill in first (a modal: Discord's type 9). */
export type CommandReply = ReplyMessage | { readonly modal: APIModalInteractionResponseCallbackData };

export function isModal(
  reply: CommandReply,
): reply is { readonly modal: APIModalInteractionResponseCallbackData } {
  return 'modal' in reply;
}

/**
 * One slash command: its definition (what `policybot discord register` sends) and its handlers,
 * in the manner of discord.js's create-discord-bot template, but over plain requests and replies
 * so the gateway and the HTTP endpoint share them.
 */
export interface Command {
  readonly data: RESTPostAPIChatInputApplicationCommandsJSONBody & { readonly name: string };
  execute(request: CommandRequest, context: CommandContext): CommandReply | Promise<CommandReply>;
  autocomplete?(
    request: AutocompleteRequest,
    context: CommandContext,
  ): APIApplicationCommandOptionChoice<string>[] | Promise<APIApplicationCommandOptionChoice<string>[]>;
}

/**
 * Where a global command may be used (see commandDefinitions): installed to a server, or by a
 * person for themselves (a user install: theirs in every server, DM and group DM, no admin
 * needed); used in servers, in DMs with the bot, and in DMs and group DMs between people.
 */
export const CONTEXTS = [
  InteractionContextType.Guild,
  InteractionContextType.BotDM,
  InteractionContextType.PrivateChannel,
] as const;
export const INTEGRATION_TYPES = [
  ApplicationIntegrationType.GuildInstall,
  ApplicationIntegrationType.UserInstall,
] as const;

export const COMMAND_DEFAULTS = {
  type: ApplicationCommandType.ChatInput as const,
  contexts: [...CONTEXTS],
  integration_types: [...INTEGRATION_TYPES],
} satisfies Partial<RESTPostAPIChatInputApplicationCommandsJSONBody>;

/** `private:<bool>`: answer only the person who asked (an ephemeral reply). */
export const PRIVATE_OPTION = {
  type: ApplicationCommandOptionType.Boolean,
  name: 'private',
  description: 'Only you see the answer',
  required: false,
} as const satisfies APIApplicationCommandBasicOption;

export function isPrivate(request: CommandRequest): boolean {
  return request.options.private === true;
}

export function stringOption(request: CommandRequest, name: string): string | undefined {
  const value = request.options[name];
  return typeof value === 'string' ? value : undefined;
}
