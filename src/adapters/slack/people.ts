import type { CitationStyle } from '../../core/citations/styles.js';
import type { Answer } from '../../core/index.js';
import type { HandlerDeps } from './handlers.js';

/** A person in the state store: Slack user ids are unique within a workspace only. */
export function personKey(team: string, user: string): string {
  return `slack:${team}:${user}`;
}

/** The person's own default citation style, if they chose one (on the Home tab). */
export async function styleOf(
  deps: HandlerDeps,
  team: string,
  user: string | undefined,
): Promise<CitationStyle | undefined> {
  return user === undefined ? undefined : (await deps.preferences.get(personKey(team, user))).style;
}

/** An answer the person was given, kept for their Home tab (a decline or a bot reply is not one). */
export async function rememberAnswer(
  deps: HandlerDeps,
  team: string,
  user: string | undefined,
  answer: Answer,
): Promise<void> {
  if (user === undefined || answer.kind !== 'answer' || answer.topic === null) return;
  await deps.recent.add(personKey(team, user), {
    title: answer.title,
    topic: answer.topic,
    references: [...new Set(answer.citations.map((c) => c.reference))],
    at: Date.now(),
  });
}
