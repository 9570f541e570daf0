// The set-up the http*.test.ts files share: the adapter over HTTP in front of an assistant that fails on "explode", and signed senders.
import type { PolicyAssistant } from '../../../src/core/index.js';
import { eventEnvelope, sendToBot, slashCommand } from './fake-slack.js';
import { type RunningSlack, realAssistant, SIGNING_SECRET, slackOverHttp } from './setup.js';

/** What a file's tests talk to: the running adapter, the assistant behind it, and what it was asked. */
export interface HttpHarness {
  readonly slack: RunningSlack;
  readonly assistant: PolicyAssistant;
  /** Every question the core was asked, as it received it. */
  readonly asked: string[];
}

/**
 * Real Bolt in HTTP mode on the shared server, real signatures, and a fake Slack Web API, all on
 * 127.0.0.1. `ready` hands the running parts to the file's own variables before its tests.
 */
export function slackHttpHarness(ready: (running: HttpHarness) => void) {
  let slack: RunningSlack;
  const asked: string[] = [];
  slackOverHttp(
    (running) => {
      slack = running.slack;
      ready({ slack: running.slack, assistant: running.assistant, asked });
    },
    async () => {
      const real = await realAssistant();
      // The real assistant, except that one question makes it fail, to test that failures stay contained.
      return {
        ...real,
        ask: (question, context) => {
          asked.push(question);
          if (question.includes('explode')) throw new Error('the core failed');
          return real.ask(question, context);
        },
      } satisfies PolicyAssistant;
    },
  );

  const sendEvent = (event: Record<string, unknown>, eventId?: string, headers?: Record<string, string>) =>
    sendToBot(slack.eventsUrl, JSON.stringify(eventEnvelope(event, eventId)), 'application/json', {
      secret: SIGNING_SECRET,
      ...(headers ? { headers } : {}),
    });

  const sendCommand = (text: string, responseId = 'cmd') =>
    sendToBot(
      slack.eventsUrl,
      new URLSearchParams(slashCommand(text, slack.fake.responseUrl(responseId))).toString(),
      'application/x-www-form-urlencoded',
      { secret: SIGNING_SECRET },
    );

  const sendClick = (payload: Record<string, unknown>) =>
    sendToBot(
      slack.eventsUrl,
      new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
      'application/x-www-form-urlencoded',
      { secret: SIGNING_SECRET },
    );

  /** Waits for the next chat.postMessage after `before` of them. */
  async function nextPost(before: number) {
    const posts = await slack.fake.waitFor('/api/chat.postMessage', before + 1);
    const post = posts[before];
    if (!post) throw new Error('no post');
    return post;
  }

  return { sendEvent, sendCommand, sendClick, nextPost };
}
