import { z } from 'zod';
import { FlowDefinitionSchema } from './flow-schema';

export const FlowSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  draft: FlowDefinitionSchema,
  /** The version new sessions start on; null until first published. */
  publishedVersion: z.number().int().nullable(),
  /** Whether the draft differs from the published version. */
  hasUnpublishedChanges: z.boolean(),
  activeSessions: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Flow = z.infer<typeof FlowSchema>;

export const FlowRequestSchema = z.object({
  name: z.string().trim().min(1, 'Give the flow a name').max(120),
  draft: FlowDefinitionSchema.optional(),
});
export type FlowRequest = z.input<typeof FlowRequestSchema>;

/** A problem that keeps a flow from being published, as the API answers it (422 `flow_invalid`). */
export const FlowProblemSchema = z.object({
  nodeId: z.string().nullable(),
  code: z.string(),
  detail: z.string().optional(),
  message: z.string(),
});

/** The bot running in a conversation, as agents see it in the thread. */
export const BotSessionSchema = z.object({
  id: z.uuid(),
  flowId: z.uuid(),
  flowName: z.string(),
  version: z.number().int(),
  /** The node it waits at, and what kind of node that is. */
  nodeId: z.string(),
  nodeType: z.string().nullable(),
  variables: z.record(z.string(), z.string()),
  startedAt: z.string(),
});
export type BotSession = z.infer<typeof BotSessionSchema>;
