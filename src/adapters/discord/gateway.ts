import { Client, Events, GatewayIntentBits, type Interaction, MessageFlags } from 'discord.js';
import type { InFlight } from '../../runtime/in-flight.js';
import type { Logger } from '../../runtime/logger.js';
import {
  APOLOGY,
  handleInteraction,
  type InteractionDeps,
  type InteractionReply,
  type InteractionRequest,
  readOptions,
} from './interactions.js';

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
  return { ...who, kind: 'unsupported', type: interaction.type };
}

async function send(interaction: Interaction, reply: InteractionReply): Promise<void> {
  if (reply.kind === 'choices') {
    if (interaction.isAutocomplete()) await interaction.respond(reply.choices);
    return;
  }
  if (!interaction.isRepliable()) return;
  const { content, embeds, components, ephemeral } = reply.message;
  await interaction.reply({
    ...(content === undefined ? {} : { content }),
    embeds: [...embeds],
    components: [...components],
    allowedMentions: { parse: [] },
    ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
  });
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
    rest: { api: options.apiUrl },
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

async function onInteraction(interaction: Interaction, deps: InteractionDeps, logger: Logger): Promise<void> {
  try {
    const reply = await handleInteraction(fromDiscordJs(interaction), deps);
    await send(interaction, reply);
  } catch (error) {
    logger.error(
      { err: error instanceof Error ? error.message : String(error), interaction: interaction.id },
      'discord reply failed',
    );
    if (interaction.isRepliable() && !interaction.replied && !interaction.deferred) {
      const apology = {
        content: APOLOGY,
        allowedMentions: { parse: [] },
        flags: MessageFlags.Ephemeral,
      } as const;
      await interaction.reply(apology).catch(() => undefined);
    }
  }
}
