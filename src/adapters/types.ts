import type { FeedbackPort, PolicyAssistant } from '../core/index.js';
import type { HttpRoutes } from '../runtime/http.js';
import type { InFlight } from '../runtime/in-flight.js';
import type { Logger } from '../runtime/logger.js';
import type { StateStore } from '../state/port.js';

export interface PlatformDeps {
  readonly assistant: PolicyAssistant;
  readonly env: NodeJS.ProcessEnv;
  /** Register webhook paths here; `serve` listens on PORT once every platform has started. */
  readonly http: HttpRoutes;
  readonly logger: Logger;
  /**
   * Work still running after the platform was acknowledged (answers posted after an ack, gateway
   * replies) is tracked here, so a graceful shutdown waits for it.
   */
  readonly inFlight?: InFlight;
  /**
   * Where state that must outlive a request lives (seen events, threads): shared by every replica
   * when it is Redis. This process's memory unless given.
   */
  readonly state?: StateStore;
  /** Where "Helpful" / "Not helpful" clicks go: the serving layer, which gave the answers their `ref`. */
  readonly feedback?: FeedbackPort;
  /** What the serving layer counts for operators (metrics); nothing is counted unless given. */
  readonly signals?: PlatformSignals;
}

/**
 * Events an adapter reports for the operators' metrics, without knowing how they are counted:
 * a request refused before it was parsed (a stranger's, counted rather than logged line by line).
 */
export interface PlatformSignals {
  refused(platform: string, reason: 'unsigned' | 'stale' | 'bad-signature' | 'too-large' | 'replayed'): void;
  /** How many answers wait now for the platform's API (a gauge). */
  depth(platform: string, waiting: number): void;
  /** An acknowledged answer never posted: too many waiting, waiting too long, or the process stopping. */
  dropped(platform: string, reason: 'full' | 'expired' | 'shutdown'): void;
}

export interface RunningPlatform {
  readonly name: string;
  /** Connected (gateway, socket) or ready to take webhooks. */
  isReady(): boolean;
  /** Stops taking new work and closes connections. */
  stop(): Promise<void>;
}

/**
 * A chat platform in front of the core. Platform types (Bolt, discord.js) stay inside the adapter's
 * folder; the adapter's index.ts is loaded lazily so the terminal paths never load an SDK.
 */
export interface PlatformAdapter {
  readonly name: string;
  /** Whether the environment asks for this platform at all (its main token is set). */
  isConfigured(env: NodeJS.ProcessEnv): boolean;
  /** Validates the platform's configuration (naming any missing variable) and starts it. */
  start(deps: PlatformDeps): Promise<RunningPlatform>;
}
