import { z } from 'zod';
import { AutomationTemplateSchema, RuleMessageSchema } from './automation';
import { type BusinessCalendar, TimeOfDaySchema } from './business-hours';

/**
 * Sequences (drip): ordered steps sent to an enrolled contact, each a delay after the one before
 * (or after the enrolment), only inside the sequence's allowed days and hours. A customer's reply
 * or opt-out stops it; with the 24-hour window closed a step sends its template, or is skipped.
 */

export const SequenceDelaySchema = z.object({
  amount: z
    .number()
    .int()
    .min(0)
    .max(365 * 24 * 60),
  unit: z.enum(['minutes', 'hours', 'days']),
});
export type SequenceDelay = z.infer<typeof SequenceDelaySchema>;

const UNIT_MS = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 } as const;

/** A delay in milliseconds. */
export const delayMs = (d: SequenceDelay): number => d.amount * UNIT_MS[d.unit];

/** An approved template and its values; a value may hold {{variables}} (filled per contact). */
export const SequenceTemplateSchema = AutomationTemplateSchema;
export type SequenceTemplate = z.infer<typeof SequenceTemplateSchema>;

/**
 * One step: after `delay`, the free-form `message` while the customer's 24-hour window is open,
 * the `template` when it is closed (or when the step has only a template).
 */
export const SequenceStepSchema = z
  .object({
    delay: SequenceDelaySchema,
    message: RuleMessageSchema.nullable().default(null),
    template: SequenceTemplateSchema.nullable().default(null),
  })
  .refine((s) => s.message !== null || s.template !== null, {
    message: 'Write a message or choose a template',
    path: ['message'],
  });
export type SequenceStep = z.infer<typeof SequenceStepSchema>;

/** When steps may go out: these weekdays (1 Monday … 7 Sunday), from–to, in the zone's clock. */
export const SequenceWindowSchema = z.object({
  timeZone: z.string().min(1).max(64),
  weekdays: z.array(z.number().int().min(1).max(7)).max(7),
  from: TimeOfDaySchema,
  to: TimeOfDaySchema,
});
export type SequenceWindow = z.infer<typeof SequenceWindowSchema>;

/** The allowed window as a business calendar, so the one calendar code answers "allowed now?". */
export function windowCalendar(w: SequenceWindow): BusinessCalendar {
  const range = w.from === w.to ? [] : [{ from: w.from, to: w.to }];
  return {
    timeZone: w.timeZone,
    days: [1, 2, 3, 4, 5, 6, 7].map((d) => (w.weekdays.includes(d) ? range : [])),
    holidays: [],
  };
}

export const SequenceInputSchema = z.object({
  name: z.string().trim().min(1, 'Give the sequence a name').max(120),
  /** The number its messages leave from. */
  channelId: z.uuid(),
  enabled: z.boolean().default(true),
  window: SequenceWindowSchema,
  /** At least one (checked on save: 422 naming `steps`). */
  steps: z.array(SequenceStepSchema).max(30),
});
export type SequenceInput = z.input<typeof SequenceInputSchema>;

export const SequenceCountsSchema = z.object({
  enrolled: z.number().int(),
  active: z.number().int(),
  finished: z.number().int(),
  replied: z.number().int(),
  optedOut: z.number().int(),
  cancelled: z.number().int(),
});
export type SequenceCounts = z.infer<typeof SequenceCountsSchema>;

export const SequenceSchema = SequenceInputSchema.extend({
  id: z.uuid(),
  counts: SequenceCountsSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Sequence = z.infer<typeof SequenceSchema>;

export const EnrollmentStatusSchema = z.enum(['active', 'finished', 'stopped', 'cancelled']);
export const EnrollmentStopReasonSchema = z.enum(['replied', 'opted_out', 'cancelled', 'failed']);
export const EnrolledBySchema = z.enum(['rule', 'flow', 'api', 'member']);
export type EnrolledBy = z.infer<typeof EnrolledBySchema>;

export const SequenceEnrollmentSchema = z.object({
  id: z.uuid(),
  sequenceId: z.uuid(),
  contact: z.object({ id: z.uuid(), name: z.string().nullable(), phone: z.string().nullable() }),
  conversationId: z.uuid().nullable(),
  /** The next step to send (0-based); equals the number of steps once finished. */
  step: z.number().int(),
  nextAt: z.string().nullable(),
  status: EnrollmentStatusSchema,
  stopReason: EnrollmentStopReasonSchema.nullable(),
  enrolledBy: EnrolledBySchema,
  /** Steps not sent, and why (`window_closed`: no template for a closed window, …). */
  skipped: z.array(z.object({ step: z.number().int(), reason: z.string(), at: z.string() })),
  createdAt: z.string(),
  endedAt: z.string().nullable(),
});
export type SequenceEnrollment = z.infer<typeof SequenceEnrollmentSchema>;

/** Enrol contacts: these ids, or every contact with a tag, or in a conversation with a label. */
export const EnrollRequestSchema = z
  .object({
    contactIds: z.array(z.uuid()).min(1).max(1000).optional(),
    tag: z.string().trim().min(1).max(50).optional(),
    labelId: z.uuid().optional(),
  })
  .refine((r) => [r.contactIds, r.tag, r.labelId].filter((x) => x !== undefined).length === 1, {
    message: 'Send one of contactIds, tag or labelId',
    path: ['contactIds'],
  });
export type EnrollRequest = z.input<typeof EnrollRequestSchema>;

export const EnrollResultSchema = z.object({
  enrolled: z.number().int(),
  /** Already in the sequence (an active enrolment): nothing changed for them. */
  alreadyEnrolled: z.number().int(),
  /** Opted out of messages: not enrolled. */
  optedOut: z.number().int(),
});
export type EnrollResult = z.infer<typeof EnrollResultSchema>;
