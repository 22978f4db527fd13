import { z } from 'zod';
import { ConversationStatusSchema } from './inbox';

/** POST /api/v1/conversations/:id/status: open, pending, resolved, or snoozed until a time. */
export const ApiConversationStatusRequestSchema = z.object({
  status: ConversationStatusSchema,
  snoozedUntil: z.iso
    .datetime({ offset: true })
    .optional()
    .meta({ description: 'Required with `snoozed`: ISO 8601, within a year; it reopens itself then' }),
  note: z.string().trim().max(1000).optional().meta({ description: 'Kept with the change in the history' }),
});
export type ApiConversationStatusRequest = z.infer<typeof ApiConversationStatusRequestSchema>;

/** POST /api/v1/conversations/:id/labels: a label of the workspace, by id. */
export const ApiAddLabelRequestSchema = z.object({ labelId: z.uuid() });
export type ApiAddLabelRequest = z.infer<typeof ApiAddLabelRequestSchema>;
