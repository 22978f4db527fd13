import {
  MESSAGING_LIMIT_TIERS,
  type MessagingLimitTier,
  THROUGHPUT_LEVELS,
  type ThroughputLevel,
} from '@charla/cloud-api';
import { z } from 'zod';

/** The errors Meta answers while it is down (reference §6.2, all retryable). */
export const OUTAGE_CODES = ['2', '131000', '131016'] as const;
export type OutageCode = (typeof OUTAGE_CODES)[number];

export const STATUS_MODES = ['normal', 'out-of-order', 'skip-delivered', 'duplicates', 'drop'] as const;
export type StatusMode = (typeof STATUS_MODES)[number];

/**
 * How one simulated number reports statuses and webhooks (§5.2, §8.5, §8.16):
 * - `normal`: sent -> delivered -> read, each its own POST.
 * - `out-of-order`: `delivered` is POSTed before `sent`.
 * - `skip-delivered`: `sent`, then `read` without any `delivered`.
 * - `duplicates`: every status webhook is POSTed twice.
 * - `drop`: the message is dropped after `sent` (never delivered, never shown on the phone).
 */
export const NumberBehaviourSchema = z.strictObject({
  statusMode: z.enum(STATUS_MODES).optional(),
  /** Delay from acceptance to `sent` and to `delivered`; defaults to the simulator's option. */
  delaysMs: z.strictObject({ sent: z.number().int().min(0), delivered: z.number().int().min(0) }).optional(),
  /** Read each delivered message after this delay; null = only when the customer reads. */
  autoReadMs: z.number().int().min(0).nullable().optional(),
  /** Collect up to `maxUpdates` webhook updates for up to `windowMs` into one POST; null = one per POST. */
  batch: z
    .strictObject({ maxUpdates: z.number().int().min(1).max(1000), windowMs: z.number().int().min(0) })
    .nullable()
    .optional(),
  /** Messages per second before 130429; defaults to the simulator's `mps` option. */
  mps: z.number().int().min(1).optional(),
  /** §7.4 level reported by `GET /{id}?fields=throughput`; STANDARD = 80 mps, HIGH = 1,000 unless `mps` is set. */
  throughput: z.enum(THROUGHPUT_LEVELS).optional(),
  /** §7.7 portfolio messaging limit (unique out-of-window users per 24 h); default TIER_UNLIMITED. */
  messagingLimit: z.enum(MESSAGING_LIMIT_TIERS).optional(),
  /**
   * Meta is down for this number: every send is answered with this error until it is set back to
   * null (§6.2: 2 "API Service" and 131016 "Service unavailable" are 503, 131000 a 500).
   */
  outage: z.enum(OUTAGE_CODES).nullable().optional(),
});
export type NumberBehaviour = z.infer<typeof NumberBehaviourSchema>;

export type ResolvedBehaviour = {
  statusMode: StatusMode;
  delaysMs: { sent: number; delivered: number };
  autoReadMs: number | null;
  batch: { maxUpdates: number; windowMs: number } | null;
  mps: number;
  throughput: ThroughputLevel;
  messagingLimit: MessagingLimitTier;
  outage: OutageCode | null;
};

const LEVEL_MPS: Partial<Record<ThroughputLevel, number>> = { STANDARD: 80, HIGH: 1_000 };

export function resolveBehaviour(
  own: NumberBehaviour | undefined,
  defaults: Omit<ResolvedBehaviour, 'statusMode' | 'batch' | 'throughput' | 'messagingLimit' | 'outage'>,
): ResolvedBehaviour {
  const mps = own?.mps ?? (own?.throughput && LEVEL_MPS[own.throughput]) ?? defaults.mps;
  return {
    statusMode: own?.statusMode ?? 'normal',
    delaysMs: own?.delaysMs ?? defaults.delaysMs,
    autoReadMs: own?.autoReadMs === undefined ? defaults.autoReadMs : own.autoReadMs,
    batch: own?.batch ?? null,
    mps,
    throughput: own?.throughput ?? (mps >= 1_000 ? 'HIGH' : 'STANDARD'),
    messagingLimit: own?.messagingLimit ?? 'TIER_UNLIMITED',
    outage: own?.outage ?? null,
  };
}
