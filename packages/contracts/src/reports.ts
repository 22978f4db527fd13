import { z } from 'zod';

/**
 * Reports: how fast customers are answered and by whom, and how much they write. Figures come
 * from conversation cycles (modules/reports): a cycle runs from a customer's message in a
 * conversation that was not open for them (a new conversation, or one resolved before) to its
 * resolution. Definitions, as the page writes them:
 *
 * - **Response**: a message a person (an agent) sends. Messages of rules, bots, sequences,
 *   broadcasts and the API are not responses; a template an agent sends is.
 * - **First response time**: from the cycle's first customer message to the first response.
 * - **Response time**: from each customer message that waits (none of the agent's after it yet)
 *   to the next response.
 * - **Resolution time**: from the cycle's start to its resolution, without the time it spent
 *   pending or snoozed.
 * - **Queue wait**: from when it started waiting for someone to when someone took it.
 * - **Expired**: the customer's 24-hour window closed while the cycle was unresolved. **Missed**:
 *   expired with no response before the window closed.
 * - Times are business time (the team's hours, else the workspace's) unless `time=calendar`, or
 *   when no hours are set.
 */

const DAY = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/;

export const ReportQuerySchema = z.object({
  /** First day, `YYYY-MM-DD`, in `tz`. */
  from: z.string().regex(DAY, 'a date as YYYY-MM-DD'),
  /** Last day (inclusive), `YYYY-MM-DD`, in `tz`. */
  to: z.string().regex(DAY, 'a date as YYYY-MM-DD'),
  /** The IANA zone days and hours are counted in (the browser's); UTC when left out. */
  tz: z.string().min(1).max(64).default('UTC'),
  time: z.enum(['business', 'calendar']).default('business'),
  channelId: z.string().uuid().optional(),
  teamId: z.string().uuid().optional(),
  agentId: z.string().uuid().optional(),
});
export type ReportQuery = z.infer<typeof ReportQuerySchema>;

/** A duration's distribution over the period: median and 90th percentile in ms, and how many. */
export const DurationStatsSchema = z.object({
  count: z.number().int(),
  medianMs: z.number().nullable(),
  p90Ms: z.number().nullable(),
});
export type DurationStats = z.infer<typeof DurationStatsSchema>;

export const PerformanceFiguresSchema = z.object({
  /** Cycles given to them in the period. */
  assigned: z.number().int(),
  /** Cycles started in the period in which they sent a response. */
  handled: z.number().int(),
  /** Cycles resolved in the period (by them, or theirs when Charla resolved it). */
  resolved: z.number().int(),
  /** Cycles started in the period by the customer writing to a resolved conversation. */
  reopened: z.number().int(),
  /** Responses sent in the period. */
  messagesSent: z.number().int(),
  firstResponse: DurationStatsSchema,
  response: DurationStatsSchema,
  resolution: DurationStatsSchema,
  queueWait: DurationStatsSchema,
  /** Cycles whose window closed unresolved in the period; `missed`: with no response before. */
  expired: z.number().int(),
  missed: z.number().int(),
  /** Time with Charla open in the period (agents; null for teams and the whole). */
  onlineMs: z.number().int().nullable(),
});
export type PerformanceFigures = z.infer<typeof PerformanceFiguresSchema>;

/** What is on their desk right now (not of the period). */
export const LiveLoadSchema = z.object({
  open: z.number().int(),
  pending: z.number().int(),
  /** Open or pending with nobody assigned (teams only; 0 for an agent). */
  waiting: z.number().int(),
});
export type LiveLoad = z.infer<typeof LiveLoadSchema>;

export const PerformanceRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  figures: PerformanceFiguresSchema,
  previous: PerformanceFiguresSchema,
  now: LiveLoadSchema,
});
export type PerformanceRow = z.infer<typeof PerformanceRowSchema>;

export const PeriodSchema = z.object({ from: z.string(), to: z.string() });

export const PerformanceReportSchema = z.object({
  period: PeriodSchema,
  /** The same number of days just before. */
  previousPeriod: PeriodSchema,
  /** Business time was asked for and hours are set (else every figure is calendar time). */
  businessTime: z.boolean(),
  totals: PerformanceFiguresSchema,
  previousTotals: PerformanceFiguresSchema,
  now: LiveLoadSchema,
  /** Each agent's own figures (an agent gets only their own row). */
  agents: z.array(PerformanceRowSchema),
  teams: z.array(PerformanceRowSchema),
  /** When the figures were last brought up to date (they trail the inbox by up to a minute). */
  refreshedAt: z.string().nullable(),
});
export type PerformanceReport = z.infer<typeof PerformanceReportSchema>;

export const VolumeDaySchema = z.object({
  /** `YYYY-MM-DD` in the query's zone. */
  date: z.string(),
  inbound: z.number().int(),
  outbound: z.number().int(),
  /** Cycles started that day, and of them the contacts' first ever. */
  conversations: z.number().int(),
  newContacts: z.number().int(),
});

export const VolumeTotalsSchema = z.object({
  inbound: z.number().int(),
  outbound: z.number().int(),
  /** Of the outbound: sent by people, by automation (rules, bots, sequences, API), by broadcasts. */
  outboundByPeople: z.number().int(),
  outboundAutomated: z.number().int(),
  conversations: z.number().int(),
  newContacts: z.number().int(),
  returningContacts: z.number().int(),
  /** Cycles whose first message came from a click-to-WhatsApp ad. */
  fromAds: z.number().int(),
});
export type VolumeTotals = z.infer<typeof VolumeTotalsSchema>;

export const VolumeReportSchema = z.object({
  period: PeriodSchema,
  previousPeriod: PeriodSchema,
  days: z.array(VolumeDaySchema),
  /** Customer messages by weekday (0 Monday … 6 Sunday) and hour (0–23) in the query's zone. */
  heatmap: z.array(z.array(z.number().int()).length(24)).length(7),
  byNumber: z.array(
    z.object({
      channelId: z.string(),
      name: z.string(),
      inbound: z.number().int(),
      outbound: z.number().int(),
    }),
  ),
  totals: VolumeTotalsSchema,
  previousTotals: VolumeTotalsSchema,
  refreshedAt: z.string().nullable(),
});
export type VolumeReport = z.infer<typeof VolumeReportSchema>;

/**
 * SLA targets: how soon a conversation of a team (or of no team: the workspace's) should get its
 * first response and its resolution, in business time (calendar time without hours). Null: no
 * target for that figure.
 */
export const SlaTargetSchema = z.object({
  /** Null: the workspace's targets, for conversations of no team (and teams without their own). */
  teamId: z.string().nullable(),
  teamName: z.string().nullable(),
  firstResponseMinutes: z.number().int().nullable(),
  resolutionMinutes: z.number().int().nullable(),
});
export type SlaTarget = z.infer<typeof SlaTargetSchema>;

export const SetSlaTargetRequestSchema = z.object({
  teamId: z.string().uuid().nullable(),
  /** 1 minute to 30 days; null removes the target. */
  firstResponseMinutes: z.number().int().min(1).max(43_200).nullable(),
  resolutionMinutes: z.number().int().min(1).max(43_200).nullable(),
});
export type SetSlaTargetRequest = z.infer<typeof SetSlaTargetRequestSchema>;

export const SlaComplianceSchema = z.object({
  /** Cycles the target applied to (started in the period for first response, resolved or still open for resolution). */
  measured: z.number().int(),
  breached: z.number().int(),
  /** 0..1; null when nothing was measured. */
  metRate: z.number().nullable(),
});

export const SlaAtRiskSchema = z.object({
  conversationId: z.string(),
  contactName: z.string(),
  teamId: z.string().nullable(),
  assigneeName: z.string().nullable(),
  /** Which target: the first response or the resolution. */
  target: z.enum(['first_response', 'resolution']),
  targetMinutes: z.number().int(),
  /** Business time so far (ms); at or over the target means breached. */
  elapsedMs: z.number(),
  breached: z.boolean(),
  startedAt: z.string(),
});
export type SlaAtRisk = z.infer<typeof SlaAtRiskSchema>;

export const SlaReportSchema = z.object({
  period: PeriodSchema,
  rows: z.array(
    SlaTargetSchema.extend({
      firstResponse: SlaComplianceSchema,
      resolution: SlaComplianceSchema,
    }),
  ),
  /** Open conversations past three quarters of a target or over it, most urgent first (live). */
  atRisk: z.array(SlaAtRiskSchema),
  refreshedAt: z.string().nullable(),
});
export type SlaReport = z.infer<typeof SlaReportSchema>;
