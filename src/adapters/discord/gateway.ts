import { Client, Events, GatewayIntentBits, type Interaction, MessageFlags, Routes } from 'discord.js';
import type { InFlight } from '../../runtime/in-flight.js';
import type { Logger } from '../../runtime/logger.js';
import {
  handleInteraction,
  type InteractionDeps,
  type InteractionRequest,
  readOptions,
} from './interactions.js';
import { DELIVERY_DEADLINE_MS, editOriginal, replyInTime } from './reply.js';
import { REST_REQUEST } from './rest.js';

export interface GatewayOptions {
  readonly token: string;
  /** The REST base (https://discord.com/api, or a proxy or a test's stand-in); the gateway URL comes from it. */
  readonly apiUrl: string;
  /** How long start-up waits for READY before going on (discord.js keeps trying). */
  readonly readyTimeoutMs?: number;
  /** Replies being sent are tracked here, so a graceful shutdown waits for them. */
  readonly inFlight?: InFlight;
}

export interface Gateway {
  isReady(): boolean;
  stop(): Promise<void>;
}

/** A discord.js interaction as the shared handlers' request. */
export function fromDiscordJs(interaction: Interaction): InteractionRequest {
  const who = { channelId: interaction.channelId, userId: interaction.user.id };
  if (interaction.isChatInputCommand()) {
    return {
      ...who,
      kind: 'command',
      command: interaction.commandName,
      options: readOptions(interaction.options.data).options,
    };
  }
  if (interaction.isMessageContextMenuCommand()) {
    return {
      ...who,
      kind: 'message-command',
      command: interaction.commandName,
      text: interaction.targetMessage.content,
    };
  }
  if (interaction.isAutocomplete()) {
    const focused = interaction.options.getFocused(true);
    return {
      ...who,
      kind: 'autocomplete',
      command: interaction.commandName,
      options: readOptions(interaction.options.data).options,
      focused: { name: focused.name, value: String(focused.value) },
    };
  }
  if (interaction.isButton() || interaction.isStringSelectMenu()) {
    return {
      ...who,
      kind: 'component',
      customId: interaction.customId,
      values: interaction.isStringSelectMenu() ? interaction.values : [],
      ephemeral: interaction.message.flags.has(MessageFlags.Ephemeral),
    };
  }
  if (interaction.isModalSubmit()) {
    // Every text input by its custom_id, as the HTTP endpoint reads them from the payload.
    const fields: Record<string, string> = {};
    for (const [customId, field] of interaction.fields.fields) {
      if ('value' in field && typeof field.value === 'string') fields[customId] = field.value;
      else if ('values' in field && Array.isArray(field.values) && typeof field.values[0] === 'string')
        fields[customId] = field.values[0];
    }
    return { ...who, kind: 'modal', customId: interaction.customId, fields };
  }
  return { ...who, kind: 'unsupported', type: interaction.type };
}

/**
 * The usual bot: a discord.js client on the gateway, every interaction handed to the shared
 * dispatch. A failure in one interaction is logged and answered with an apology by the dispatch;
 * a failure to send (an expired token, a network error) is logged and the client goes on.
 */
export async function startGateway(options: GatewayOptions, deps: InteractionDeps): Promise<Gateway> {
  const { logger } = deps;
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: options.apiUrl, ...REST_REQUEST },
    allowedMentions: { parse: [] },
  });
  client.on(Events.InteractionCreate, (interaction) => {
    const work = onInteraction(interaction, deps, logger);
    void (options.inFlight ? options.inFlight.track(work) : work);
  });
  client.on(Events.Error, (error) => logger.error({ err: error.message }, 'discord client error'));
  client.on(Events.ShardDisconnect, (event, shard) =>
    logger.warn({ shard, code: event.code }, 'discord gateway disconnected'),
  );
  client.on(Events.ShardReconnecting, (shard) => logger.info({ shard }, 'discord gateway reconnecting'));

  const ready = new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), options.readyTimeoutMs ?? 30_000);
    timer.unref();
    client.once(Events.ClientReady, () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
  try {
    await client.login(options.token);
  } catch (error) {
    await client.destroy();
    // discord.js's own messages ("An invalid token was provided.") never carry the token.
    throw new Error(`Discord login failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (await ready) {
    logger.info({ user: client.user?.tag, applicationId: client.application?.id }, 'discord gateway ready');
  } else {
    logger.warn({}, 'discord gateway not ready yet; still connecting');
  }
  return {
    isReady: () => client.isReady(),
    stop: () => client.destroy(),
  };
}

/**
 * Hands the interaction to the shared dispatch (which never throws: a failing handler becomes an
 * apology) and replies in time, deferring a slow answer. A reply that cannot be sent (the window
 * closed, or 429s outlasted the deadline) is logged; an apology would fail the same way.
 */
async function onInteraction(interaction: Interaction, deps: InteractionDeps, logger: Logger): Promise<void> {
  const { rest } = interaction.client;
  const target = { applicationId: interaction.applicationId, token: interaction.token };
  try {
    const request = fromDiscordJs(interaction);
    await replyInTime(request, handleInteraction(request, deps), {
      initial: async (response, files) => {
        await rest.post(Routes.interactionCallback(interaction.id, interaction.token), {
          body: response,
          // Attachments go as multipart: `payload_json` and a `files[n]` part for each.
          ...(files.length > 0 ? { files: [...files] } : {}),
          auth: false,
          signal: AbortSignal.timeout(DELIVERY_DEADLINE_MS),
        });
      },
      edit: editOriginal(rest, target),
      filesInline: true,
    });
  } catch (error) {
    logger.error(
      { err: error instanceof Error ? error.message : String(error), interaction: interaction.id },
      'discord reply failed',
    );
  }
}
