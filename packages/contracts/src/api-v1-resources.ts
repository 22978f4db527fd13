import { z } from 'zod';
import { ApiChannelSchema } from './api-v1';
import { BroadcastInputSchema } from './broadcasts';
import { ChannelBacklogSchema } from './channels';
import { TemplateDraftSchema } from './templates';

/**
 * Request and answer shapes of the /api/v1 resources that manage templates, media, broadcasts,
 * automation and numbers with a key (the rest of /api/v1 is in api-v1.ts).
 */

const channelOption = z
  .uuid()
  .optional()
  .meta({ description: "A number's id (GET /api/v1/channels); optional when the workspace has one" });

/** POST /api/v1/templates: a template, submitted to WhatsApp for review at once. */
export const ApiCreateTemplateRequestSchema = TemplateDraftSchema.extend({
  header: TemplateDraftSchema.shape.header.default(null),
  bodyExamples: TemplateDraftSchema.shape.bodyExamples.default({}),
  footer: TemplateDraftSchema.shape.footer.default(null),
  buttons: TemplateDraftSchema.shape.buttons.default([]),
  channel: z.uuid().optional().meta({
    description:
      "A number whose WhatsApp Business Account gets the template; optional when all the workspace's numbers share one",
  }),
});
export type ApiCreateTemplateRequest = z.input<typeof ApiCreateTemplateRequestSchema>;

/** 201 from POST /api/v1/media: the id to send the file with (POST /api/v1/messages). */
export const ApiUploadedMediaSchema = z.object({
  id: z.uuid().meta({ description: "Charla's id of the file: `image.id`, `document.id`… of a message" }),
  kind: z.string(),
  mimeType: z.string(),
  size: z.number().int(),
  filename: z.string().nullable(),
  channelId: z.uuid().meta({ description: 'The number the file is sent from' }),
});
export type ApiUploadedMedia = z.infer<typeof ApiUploadedMediaSchema>;

/** POST /api/v1/broadcasts: sent at once, or at `scheduledAt`. */
export const ApiCreateBroadcastRequestSchema = BroadcastInputSchema.omit({ scheduledAt: true }).extend({
  scheduledAt: z.iso
    .datetime({ offset: true })
    .optional()
    .meta({ description: 'ISO 8601; when to start. Left out: it starts now' }),
});
export type ApiCreateBroadcastRequest = z.infer<typeof ApiCreateBroadcastRequestSchema>;

/** Whom an automation acts on: a contact id, or a phone (E.164, or national in the workspace's country). */
const customer = {
  contactId: z.uuid().optional(),
  phone: z.string().min(3).max(32).optional().meta({ description: 'E.164, e.g. +5215512345678' }),
};

export const ApiStartFlowRequestSchema = z.object({ ...customer, channel: channelOption });
export type ApiStartFlowRequest = z.infer<typeof ApiStartFlowRequestSchema>;

/** 202 from POST /api/v1/flows/:id/start: queued; the bot starts within a second. */
export const ApiFlowStartedSchema = z.object({
  flowId: z.uuid(),
  conversationId: z.uuid(),
  contactId: z.uuid(),
  status: z.literal('queued'),
});
export type ApiFlowStarted = z.infer<typeof ApiFlowStartedSchema>;

export const ApiEnrollRequestSchema = z.object(customer);
export type ApiEnrollRequest = z.infer<typeof ApiEnrollRequestSchema>;

export const ApiEnrolledSchema = z.object({
  sequenceId: z.uuid(),
  contactId: z.uuid(),
  status: z.enum(['enrolled', 'already_enrolled']),
});
export type ApiEnrolled = z.infer<typeof ApiEnrolledSchema>;

/** GET /api/v1/channels/:id: a number and how it is doing right now. */
export const ApiChannelHealthSchema = ApiChannelSchema.extend({
  connected: z.boolean().meta({ description: 'Whether it can send now (status `connected`)' }),
  backlog: ChannelBacklogSchema.meta({
    description:
      'Messages waiting in its outbox (queued, in doubt, the oldest one) and its failures of the last hour',
  }),
});
export type ApiChannelHealth = z.infer<typeof ApiChannelHealthSchema>;
