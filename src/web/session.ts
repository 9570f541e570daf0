import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { AskContext } from '../core/answer.js';
import { CONVERSATION_COOKIE } from './limits.js';
import { cookie } from './respond.js';

/**
 * A browser as the port sees it: a random id in an HttpOnly, SameSite=Strict cookie keys its
 * conversation (so "tell me more" follows on) and its rate limit, as a user id does on a chat
 * platform. Nothing else is read from the cookie; a malformed one is replaced.
 */
export function browserContext(
  req: IncomingMessage,
  platform: string,
): { readonly context: AskContext; readonly headers: Readonly<Record<string, string>> } {
  const kept = cookie(req, CONVERSATION_COOKIE);
  const id = kept !== undefined && /^[0-9a-f-]{36}$/.test(kept) ? kept : randomUUID();
  return {
    context: { conversationId: `${platform}:${id}`, platform, user: `${platform}:${id}` },
    headers: {
      'set-cookie': `${CONVERSATION_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Strict; Max-Age=3600`,
    },
  };
}
