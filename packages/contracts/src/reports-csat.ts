import { z } from 'zod';

/**
 * Customer satisfaction (CSAT): the surveys asked when a person resolved a conversation
 * (modules/inbox/csat), by when they were asked. The query is `ReportQuerySchema`; an agent gets
 * only their own figures and comments. docs/reports.md defines every figure.
 */
export const CsatFiguresSchema = z.object({
  /** Surveys asked in the period. */
  sent: z.number().int(),
  /** ...that the customer rated. */
  answered: z.number().int(),
  /** answered / sent; null when none was asked. */
  responseRate: z.number().nullable(),
  /** The mean score, 1-5; null with no rating. */
  average: z.number().nullable(),
  /** Ratings of 4 or 5 over all ratings (the usual CSAT score); null with no rating. */
  satisfiedRate: z.number().nullable(),
  /** How many gave 1, 2, 3, 4 and 5. */
  scores: z.array(z.number().int()).length(5),
  /** Ratings that came with a comment. */
  comments: z.number().int(),
});
export type CsatFigures = z.infer<typeof CsatFiguresSchema>;

export const CsatRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  figures: CsatFiguresSchema,
  previous: CsatFiguresSchema,
});
export type CsatRow = z.infer<typeof CsatRowSchema>;

export const CsatCommentSchema = z.object({
  surveyId: z.string(),
  conversationId: z.string(),
  score: z.number().int(),
  comment: z.string(),
  contactName: z.string(),
  agentId: z.string().nullable(),
  agentName: z.string().nullable(),
  teamId: z.string().nullable(),
  commentedAt: z.string(),
});
export type CsatComment = z.infer<typeof CsatCommentSchema>;

export const CsatReportSchema = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  previousPeriod: z.object({ from: z.string(), to: z.string() }),
  totals: CsatFiguresSchema,
  previousTotals: CsatFiguresSchema,
  /** Whose work was rated: the assignee when it was resolved (else who resolved it). */
  agents: z.array(CsatRowSchema),
  teams: z.array(CsatRowSchema),
  /** The period's comments, newest first (at most 200). */
  comments: z.array(CsatCommentSchema),
});
export type CsatReport = z.infer<typeof CsatReportSchema>;
