import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandOptionChoice,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionContextType,
  ApplicationIntegrationType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { AskContext, PolicyAssistant } from '../../../core/index.js';
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
  /** platform 'discord' and the conversation, keyed by channel and user. */
  readonly ask: AskContext;
}

/**
 * One slash command: its definition (what `policybot discord register` sends) and its handlers,
 * in the manner of discord.js's create-discord-bot template, but over plain requests and replies
 * so the gateway and the HTTP endpoint share them.
 */
export interface Command {
  readonly data: RESTPostAPIChatInputApplicationCommandsJSONBody & { readonly name: string };
  execute(request: CommandRequest, context: CommandContext): ReplyMessage | Promise<ReplyMessage>;
  autocomplete?(
    request: AutocompleteRequest,
    context: CommandContext,
  ): APIApplicationCommandOptionChoice<string>[] | Promise<APIApplicationCommandOptionChoice<string>[]>;
}

/** Usable in servers and in the bot's DMs, installed to a server (for global commands: see commandDefinitions). */
export const COMMAND_DEFAULTS = {
  type: ApplicationCommandType.ChatInput,
  contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
  integration_types: [ApplicationIntegrationType.GuildInstall],
} as const satisfies Partial<RESTPostAPIChatInputApplicationCommandsJSONBody>;

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
