import {
  type APIInteractionResponse,
  type APIInteractionResponseCallbackData,
  InteractionResponseType,
  MessageFlags,
  type RawFile,
  type REST,
  Routes,
} from 'discord.js';
import { VISIBILITY_INPUT } from './commands/ask.js';
import { privatePress } from './components.js';
import { decodeAction } from './custom-id.js';
import {
  callbackData,
  type InteractionReply,
  type InteractionRequest,
  rawFiles,
  toResponse,
} from './interactions.js';

/**
 * How long an answer may take before the reply is deferred ("policybot is thinking…"): Discord
 * drops an interaction not answered within three seconds, and the request to say so takes time too.
 */
export const DEFER_AFTER_MS = 2000;

/**
 * How long a reply may wait in discord.js's REST queue, behind 429s whose Retry-After it honours,
 * before it is given up: later than this an answer is noise (an edit is allowed for 15 minutes).
 */
export const DELIVERY_DEADLINE_MS = 30_000;

/** The two ways an interaction is answered: the gateway over REST, the HTTP endpoint in its response. */
export interface Replier {
  /** The interaction's first response, due within three seconds, with the reply's files if it can. */
  initial(response: APIInteractionResponse, files: readonly RawFile[]): Promise<void>;
  /** Replaces a deferred reply with the answer (PATCH …/messages/@original), files attached. */
  edit(data: APIInteractionResponseCallbackData, files: readonly RawFile[]): Promise<void>;
  /**
   * Whether the first response can carry files: a callback over REST can (multipart); the HTTP
   * endpoint's response cannot (Discord reads it as JSON only), so a reply with files is deferred
   * there and edited in with them.
   */
  readonly filesInline: boolean;
}

/**
 * Answers an interaction whatever the answer's speed: at once when it is ready within
 * `deferAfterMs`, else deferred first (privately when the answer will be private) and edited into
 * the answer when it comes. An autocomplete cannot be deferred; it is answered when ready.
 */
export async function replyInTime(
  request: InteractionRequest,
  work: Promise<InteractionReply>,
  replier: Replier,
  deferAfterMs = DEFER_AFTER_MS,
): Promise<'inline' | 'deferred'> {
  if (request.kind === 'autocomplete') {
    await replier.initial(toResponse(await work), []);
    return 'inline';
  }
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), deferAfterMs);
  });
  const ready = await Promise.race([work, late]).finally(() => clearTimeout(timer));
  if (ready !== undefined && (replier.filesInline || rawFiles(ready).length === 0)) {
    await replier.initial(toResponse(ready), rawFiles(ready));
    return 'inline';
  }
  // Slow, or ready with files the first response cannot carry: deferred, as private as it will be.
  const ephemeral = ready?.kind === 'message' ? ready.message.ephemeral : privately(request);
  await replier.initial(
    {
      type: InteractionResponseType.DeferredChannelMessageWithSource,
      data: ephemeral ? { flags: MessageFlags.Ephemeral } : {},
    },
    [],
  );
  const reply = ready ?? (await work);
  if (reply.kind === 'message') {
    // An edit keeps the deferred reply's visibility: its flags cannot change, so none are sent.
    const { flags: _, ...data } = callbackData(reply.message);
    await replier.edit(data, rawFiles(reply));
  }
  return 'deferred';
}

/** Whether the answer to come will be private: asked with private:True, or pressed on a private message. */
function privately(request: InteractionRequest): boolean {
  if (request.kind === 'command') return request.options.private === true;
  if (request.kind === 'component') return privatePress(request);
  if (request.kind === 'modal') {
    const seen = request.fields[VISIBILITY_INPUT];
    if (seen === 'me' || seen === 'channel') return seen === 'me';
    const action = decodeAction(request.customId);
    return action?.kind === 'askModal' ? action.private : true;
  }
  // "Cite this" answers only the person who used it.
  return true;
}

/** Edits through Discord's webhook for the interaction: authorized by its token, not the bot's. */
export function editOriginal(
  rest: REST,
  interaction: { readonly applicationId: string; readonly token: string },
): Replier['edit'] {
  return async (data, files) => {
    await rest.patch(Routes.webhookMessage(interaction.applicationId, interaction.token, '@original'), {
      body: data,
      ...(files.length > 0 ? { files: [...files] } : {}),
      auth: false,
      signal: AbortSignal.timeout(DELIVERY_DEADLINE_MS),
    });
  };
}
