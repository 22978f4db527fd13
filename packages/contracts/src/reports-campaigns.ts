import { z } from 'zod';

/**
 * Reports on what Charla sends by itself or in bulk: broadcasts and templates (how they were
 * received), and automation (rules, bots, sequences). The query is `ReportQuerySchema` (from, to,
 * tz; `channelId` narrows broadcasts and templates to one number). docs/reports.md defines every
 * figure.
 */

/** Failures by WhatsApp's error code and the reason Charla gives for it. */
export const FailureReasonRowSchema = z.object({
  code: z.number().int().nullable(),
  reason: z.string(),
  count: z.number().int(),
});

/**
 * How sends were received: each step includes the later ones (a read message was delivered, a
 * replied one read). Rates are null when there is nothing to divide by.
 */
const Reception = {
  sent: z.number().int(),
  delivered: z.number().int(),
  read: z.number().int(),
  /** The customer wrote within 72 hours of the send. */
  replied: z.number().int(),
  /** Failed for good (WhatsApp's marketing cap, retried later, is `limited`, not failed). */
  failed: z.number().int(),
  limited: z.number().int(),
  failures: z.array(FailureReasonRowSchema),
  /** delivered / sent. */
  deliveryRate: z.number().nullable(),
  /** read / delivered. */
  readRate: z.number().nullable(),
  /** replied / delivered. */
  replyRate: z.number().nullable(),
};

export const CampaignBroadcastRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  channelId: z.string(),
  templateId: z.string(),
  templateName: z.string(),
  status: z.string(),
  startedAt: z.string(),
  /** Everyone it was addressed to (left-out contacts are not recipients). */
  recipients: z.number().int(),
  /** Not sent yet (still sending, or paused). */
  queued: z.number().int(),
  /** Never sent: the broadcast was cancelled first. */
  skipped: z.number().int(),
  ...Reception,
  /** Recipients who opted out within 72 hours of their send. */
  optedOut: z.number().int(),
  /** optedOut / sent. */
  optOutRate: z.number().nullable(),
});
export type CampaignBroadcastRow = z.infer<typeof CampaignBroadcastRowSchema>;

export const CampaignTemplateRowSchema = z.object({
  /** The template's id in Charla, or the name and language when it was sent without one. */
  key: z.string(),
  templateId: z.string().nullable(),
  name: z.string(),
  language: z.string(),
  category: z.string(),
  /** By who: broadcasts (and the API without a member), agents, automation. */
  byBroadcasts: z.number().int(),
  byAgents: z.number().int(),
  byAutomation: z.number().int(),
  ...Reception,
  /** Sent often enough in the period to be ranked (`minSends`). */
  ranked: z.boolean(),
});
export type CampaignTemplateRow = z.infer<typeof CampaignTemplateRowSchema>;

export const CampaignDaySchema = z.object({
  date: z.string(),
  /** Template messages sent that day, and of them how many were read (whenever read). */
  sent: z.number().int(),
  read: z.number().int(),
});

const Ranked = z.object({
  /** Template keys, best first / worst first; at most five each. */
  best: z.array(z.string()),
  worst: z.array(z.string()),
});

export const CampaignsReportSchema = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  /** Broadcasts started in the period, newest first. */
  broadcasts: z.array(CampaignBroadcastRowSchema),
  /** Every template sent in the period, most sent first. */
  templates: z.array(CampaignTemplateRowSchema),
  ranking: z.object({
    /** A template needs this many sends in the period to be ranked. */
    minSends: z.number().int(),
    byReadRate: Ranked,
    byReplyRate: Ranked,
  }),
  days: z.array(CampaignDaySchema),
});
export type CampaignsReport = z.infer<typeof CampaignsReportSchema>;

export const AutomationRuleRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  enabled: z.boolean(),
  /** Times it fired in the period (once per conversation and event it acted on). */
  fired: z.number().int(),
  /** Times it fired since it was made. */
  firedEver: z.number().int(),
  lastFiredAt: z.string().nullable(),
});

export const FlowStepRowSchema = z.object({
  nodeId: z.string(),
  type: z.string(),
  /** Sessions of the period that went through this step. */
  reached: z.number().int(),
  /** Sessions that ended abandoned (timed out or stopped) waiting at this step. */
  abandoned: z.number().int(),
  /** Sessions still waiting here now. */
  waiting: z.number().int(),
});

export const AutomationFlowRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The version new sessions start on (the funnel's steps are this version's). */
  version: z.number().int().nullable(),
  started: z.number().int(),
  completed: z.number().int(),
  handedOff: z.number().int(),
  /** The customer stopped answering: the session timed out. */
  timedOut: z.number().int(),
  /** Ended by an agent's reply, a member, a closed window or the storm guard. */
  stopped: z.number().int(),
  /** Went on to another flow. */
  moved: z.number().int(),
  active: z.number().int(),
  funnel: z.array(FlowStepRowSchema),
});

export const AutomationSequenceRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  enabled: z.boolean(),
  enrolled: z.number().int(),
  finished: z.number().int(),
  stoppedByReply: z.number().int(),
  stoppedByOptOut: z.number().int(),
  /** Cancelled by a member or the API, or stopped by a failed send. */
  stoppedOther: z.number().int(),
  active: z.number().int(),
});

export const AutomationReportSchema = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  rules: z.array(AutomationRuleRowSchema),
  flows: z.array(AutomationFlowRowSchema),
  sequences: z.array(AutomationSequenceRowSchema),
});
export type AutomationReport = z.infer<typeof AutomationReportSchema>;
