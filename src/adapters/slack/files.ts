import type { RespondFn, webApi } from '@slack/bolt';
import { type Answer, LABELS } from '../../core/index.js';
import { answerFiles, type OutFile } from '../files.js';
import type { Place } from './places.js';

/**
 * Where an answer's files go: beside the answer (its thread, the DM), or, for an answer only its
 * asker sees, in their direct messages with the bot: Slack's ephemeral messages carry no files,
 * and a file shared in the channel would show everyone what was asked privately.
 */
export function filesGoTo(place: Place): 'attached' | 'direct-message' {
  return place.kind === 'ephemeral' ? 'direct-message' : 'attached';
}

/**
 * Uploads an answer's files whole (files.uploadV2: files.getUploadURLExternal, the upload, then
 * files.completeUploadExternal, through Bolt's WebClient), where `filesGoTo` says.
 */
export async function uploadFiles(
  client: webApi.WebClient,
  place: Place,
  files: readonly OutFile[],
): Promise<void> {
  if (files.length === 0) return;
  const destination =
    place.kind === 'ephemeral'
      ? { channel_id: await directMessage(client, place.user) }
      : {
          channel_id: place.channel,
          ...(place.threadTs === undefined ? {} : { thread_ts: place.threadTs }),
        };
  await client.filesUploadV2({
    ...destination,
    file_uploads: files.map((f) => ({ content: f.content, filename: f.name, title: f.title })),
  });
}

/** The bot's direct-message channel with a person (conversations.open gives the same one each time). */
async function directMessage(client: webApi.WebClient, user: string): Promise<string> {
  const opened = await client.conversations.open({ users: user });
  const id = opened.channel?.id;
  if (id === undefined) throw new Error('conversations.open gave no channel');
  return id;
}

/**
 * An answer posted for everyone through a response_url (Share where the bot is not a member, the Ask
 * modal for a conversation): the bot cannot upload there, so the files go to the person who posted
 * it, in their direct messages, and they alone are told where. The message everyone sees says
 * nothing of files.
 */
export async function filesToPoster(
  client: webApi.WebClient,
  respond: RespondFn,
  poster: Extract<Place, { kind: 'ephemeral' }>,
  answer: Answer,
): Promise<void> {
  const files = answerFiles(answer);
  if (files.length === 0) return;
  await uploadFiles(client, poster, files);
  await respond({
    response_type: 'ephemeral',
    replace_original: false,
    text: LABELS.filesToPoster(files.map((f) => f.name)),
  });
}
