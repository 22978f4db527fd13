import { TEMPLATE_LIMITS } from '@charla/cloud-api';
import type { PairRateLimit } from './send-limits';

export type Clock = { now(): number };

/** §4.3: templates per WABA (2388019) and creations per WABA per hour. */
export type TemplateLimits = { perWaba: number; creationsPerHour: number };

export const DEFAULT_TEMPLATE_LIMITS: TemplateLimits = {
  perWaba: TEMPLATE_LIMITS.templatesPerWaba,
  creationsPerHour: TEMPLATE_LIMITS.creationsPerHour,
};

export type SimulatorOptions = {
  /** Milliseconds since the epoch; inject one to move time (e.g. past the 24 h window) without sleeping. */
  clock?: Clock;
  /** Delay from acceptance to the `sent` and to the `delivered` status webhook. */
  statusDelaysMs?: { sent: number; delivered: number };
  /** Read every delivered message after this delay; null = only when the customer reads. */
  autoReadMs?: number | null;
  /** §8.6: free-form outside the window is accepted then fails by webhook (async) or is refused (sync). */
  windowMode?: 'async' | 'sync';
  /** Compressed version of Meta's retry schedule (Meta retries for up to 7 days). */
  webhookRetryDelaysMs?: number[];
  webhookTimeoutMs?: number;
  supportedVersions?: string[];
  /** Persist numbers, customers, chats and windows here so a restart keeps the sandbox's history. */
  stateFile?: string;
  logger?: boolean;
  /** Base URL put in media URLs; defaults to the address `listen()` bound (set it behind a proxy). */
  publicUrl?: string;
  /** §7.4: messages per second per number before 130429 (default 80); a number's behaviour can override it. */
  mps?: number;
  /** HTTP status of a 130429 answer: Meta documents 400, some integrators see 429. */
  throughputHttpStatus?: 400 | 429;
  /** §7.6: one message per `intervalMs` to the same user, `burst` at once (default 6 s, 45); false = off. */
  pairRateLimit?: PairRateLimit | false;
  /** §8.8: delay from template creation (or edit) to the review's status webhook (default 3 s). */
  templateReviewMs?: number;
  /** §4.3: templates per WABA (default 250, error 2388019) and creations per hour (default 100). */
  templateLimits?: Partial<TemplateLimits>;
  /** §8.11: async error code of sends beyond the messaging limit (default 131049; 131048 also seen). */
  messagingLimitErrorCode?: number;
};

export type ResolvedOptions = {
  clock: Clock;
  statusDelaysMs: { sent: number; delivered: number };
  autoReadMs: number | null;
  windowMode: 'async' | 'sync';
  webhookRetryDelaysMs: number[];
  webhookTimeoutMs: number;
  supportedVersions: string[];
  stateFile: string | null;
  logger: boolean;
  publicUrl: string | null;
  mps: number;
  throughputHttpStatus: 400 | 429;
  pairRateLimit: PairRateLimit | null;
  templateReviewMs: number;
  templateLimits: TemplateLimits;
  messagingLimitErrorCode: number;
};

// v20.0 expires on 2026-09-24 and v19.0 is gone, so the sandbox starts at v21.0 (reference §1).
export const DEFAULT_SUPPORTED_VERSIONS = ['v21.0', 'v22.0', 'v23.0', 'v24.0', 'v25.0', 'v26.0'];

export function resolveOptions(options: SimulatorOptions): ResolvedOptions {
  return {
    clock: options.clock ?? { now: () => Date.now() },
    statusDelaysMs: options.statusDelaysMs ?? { sent: 50, delivered: 150 },
    autoReadMs: options.autoReadMs ?? null,
    windowMode: options.windowMode ?? 'async',
    webhookRetryDelaysMs: options.webhookRetryDelaysMs ?? [200, 1_000, 5_000, 15_000, 60_000],
    webhookTimeoutMs: options.webhookTimeoutMs ?? 5_000,
    supportedVersions: options.supportedVersions ?? DEFAULT_SUPPORTED_VERSIONS,
    stateFile: options.stateFile ?? null,
    logger: options.logger ?? false,
    publicUrl: options.publicUrl?.replace(/\/+$/, '') ?? null,
    mps: options.mps ?? 80,
    throughputHttpStatus: options.throughputHttpStatus ?? 400,
    pairRateLimit:
      options.pairRateLimit === false ? null : (options.pairRateLimit ?? { intervalMs: 6_000, burst: 45 }),
    templateReviewMs: options.templateReviewMs ?? 3_000,
    templateLimits: { ...DEFAULT_TEMPLATE_LIMITS, ...options.templateLimits },
    messagingLimitErrorCode: options.messagingLimitErrorCode ?? 131049,
  };
}
