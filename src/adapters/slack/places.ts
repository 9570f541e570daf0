/** The platform name the core sees in AskContext. */
export const PLATFORM = 'slack';

/**
 * Where a conversation lives in Slack, and the id the core keys it by: a channel thread, a direct
 * message (one conversation), or one person's slash commands in one channel (answers only they see).
 */
export type Place =
  | { readonly kind: 'thread'; readonly team: string; readonly channel: string; readonly threadTs: string }
  | { readonly kind: 'dm'; readonly team: string; readonly channel: string; readonly threadTs?: string }
  | { readonly kind: 'ephemeral'; readonly team: string; readonly channel: string; readonly user: string };

export function conversationId(place: Place): string {
  switch (place.kind) {
    case 'thread':
      return `slack:${place.team}:${place.channel}:${place.threadTs}`;
    case 'dm':
      return `slack:${place.team}:${place.channel}`;
    case 'ephemeral':
      return `slack:${place.team}:${place.channel}:${place.user}:command`;
  }
}

/** The key of a thread in the set of threads the bot talks in. */
export function threadKey(channel: string, threadTs: string): string {
  return `${channel}:${threadTs}`;
}

/** Direct-message channel ids start with D (multi-person DMs with G, and they behave like channels). */
export function isDirectMessage(channel: string, channelType?: string): boolean {
  return channelType === 'im' || (channelType === undefined && channel.startsWith('D'));
}

/** The parts of a block_actions payload that say where the clicked message is. */
export interface ActionBody {
  readonly user?: { readonly id?: string; readonly team_id?: string };
  readonly team?: { readonly id?: string } | null;
  readonly channel?: { readonly id?: string };
  readonly container?: {
    readonly channel_id?: string;
    readonly message_ts?: string;
    readonly thread_ts?: string;
    readonly is_ephemeral?: boolean;
  };
  readonly message?: { readonly ts?: string; readonly thread_ts?: string };
}

/** Where a button's answer goes: where its message is (its thread, the DM, or ephemerally again). */
export function placeOfAction(body: ActionBody): Place | undefined {
  const team = body.team?.id ?? body.user?.team_id ?? '';
  const channel = body.channel?.id ?? body.container?.channel_id;
  const user = body.user?.id;
  if (channel === undefined || user === undefined) return undefined;
  if (body.container?.is_ephemeral === true) return { kind: 'ephemeral', team, channel, user };
  const threadTs = body.message?.thread_ts ?? body.container?.thread_ts;
  if (isDirectMessage(channel))
    return threadTs === undefined ? { kind: 'dm', team, channel } : { kind: 'dm', team, channel, threadTs };
  const root = threadTs ?? body.message?.ts ?? body.container?.message_ts;
  return root === undefined ? undefined : { kind: 'thread', team, channel, threadTs: root };
}
