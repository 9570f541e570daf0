import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The Prometheus metrics of one running instance, on a registry of its own rather than
 * prom-client's global one: two instances in one process (tests, the load script) never share
 * or double-register a counter.
 */
export interface Metrics {
  readonly registry: Registry;
  readonly questions: Counter<'platform' | 'intent'>;
  readonly decisions: Counter<'platform' | 'kind' | 'step'>;
  readonly clarifications: Counter<'platform'>;
  readonly feedback: Counter<'platform' | 'intent' | 'value'>;
  readonly fallbacks: Counter<'platform'>;
  readonly lowConfidence: Counter<'platform'>;
  readonly rateLimited: Counter<'platform'>;
  readonly errors: Counter<'platform'>;
  readonly latency: Histogram<'platform'>;
  readonly reloads: Counter<'result'>;
  readonly topics: Gauge;
  readonly inFlight: Gauge;
  readonly refused: Counter<'platform' | 'reason'>;
  readonly outboxDepth: Gauge<'platform'>;
  readonly outboxDropped: Counter<'platform' | 'reason'>;
}

export interface MetricsOptions {
  readonly defaultMetrics?: boolean;
  /** Work in flight now (see runtime/in-flight.ts), read at each scrape. */
  readonly inFlight?: () => number;
}

export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  const registers = [registry];
  // Process memory, CPU, event-loop lag and GC: what an operator looks at first when it is slow.
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry, prefix: 'policybot_' });
  return {
    registry,
    questions: new Counter({
      name: 'policybot_questions_total',
      help: 'Questions answered, by platform and the intent of the answer (fallback when declined)',
      labelNames: ['platform', 'intent'],
      registers,
    }),
    decisions: new Counter({
      name: 'policybot_decisions_total',
      help: 'Requests by the kind of answer (answer, bot, clarify, decline, rate-limited) and the pipeline step that decided it',
      labelNames: ['platform', 'kind', 'step'],
      registers,
    }),
    clarifications: new Counter({
      name: 'policybot_clarifications_total',
      help: 'Questions answered with a question back ("about what?"): a follow-up with no topic yet, or nothing to read',
      labelNames: ['platform'],
      registers,
    }),
    feedback: new Counter({
      name: 'policybot_feedback_total',
      help: 'Answers marked helpful or not helpful by the person who asked, by the intent answered',
      labelNames: ['platform', 'intent', 'value'],
      registers,
    }),
    fallbacks: new Counter({
      name: 'policybot_fallbacks_total',
      help: 'Questions declined: out of scope, beyond what the sources hold, or too long',
      labelNames: ['platform'],
      registers,
    }),
    lowConfidence: new Counter({
      name: 'policybot_low_confidence_total',
      help: 'Questions answered with a confidence under POLICYBOT_LOW_CONFIDENCE',
      labelNames: ['platform'],
      registers,
    }),
    rateLimited: new Counter({
      name: 'policybot_rate_limited_total',
      help: 'Questions refused because their asker exceeded the per-user rate limit',
      labelNames: ['platform'],
      registers,
    }),
    errors: new Counter({
      name: 'policybot_errors_total',
      help: 'Questions whose answering threw (the person got an apology)',
      labelNames: ['platform'],
      registers,
    }),
    // The core answers in about a millisecond; the buckets resolve that, and show a slow outlier.
    latency: new Histogram({
      name: 'policybot_answer_duration_seconds',
      help: 'Time the assistant took to answer one question',
      labelNames: ['platform'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers,
    }),
    reloads: new Counter({
      name: 'policybot_reloads_total',
      help: 'Knowledge-base reloads, by result (ok, or failed and the last good one kept)',
      labelNames: ['result'],
      registers,
    }),
    topics: new Gauge({
      name: 'policybot_knowledge_topics',
      help: 'Topics in the knowledge base being served',
      registers,
    }),
    refused: new Counter({
      name: 'policybot_requests_refused_total',
      help: 'Webhook requests refused before their body was parsed (unsigned, stale, bad-signature, too-large, replayed); counted, not logged',
      labelNames: ['platform', 'reason'],
      registers,
    }),
    outboxDepth: new Gauge({
      name: 'policybot_outbox_depth',
      help: "Answers acknowledged and waiting for the platform's API to take them",
      labelNames: ['platform'],
      registers,
    }),
    outboxDropped: new Counter({
      name: 'policybot_outbox_dropped_total',
      help: 'Acknowledged answers never posted: full (the oldest of too many), expired (waited past the deadline), shutdown (grace period over)',
      labelNames: ['platform', 'reason'],
      registers,
    }),
    inFlight: new Gauge({
      name: 'policybot_work_in_flight',
      help: 'HTTP requests and platform handlers in progress (a scrape counts itself)',
      registers,
      collect() {
        if (options.inFlight) this.set(options.inFlight());
      },
    }),
  };
}
