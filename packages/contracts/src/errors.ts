import { z } from 'zod';

/** Every error Charla's API returns has this shape. */
export const ApiErrorSchema = z.object({
  error: z.object({
    /** Stable machine code, e.g. `window_closed`, `validation_failed`, `unauthorized`. */
    code: z.string(),
    /** What was wrong and how to fix it, in English; the web app translates by `code`. */
    message: z.string(),
    /** Field-level problems for validation errors: path and message. */
    fields: z
      .array(
        z.object({
          path: z.string(),
          message: z.string(),
          code: z.string().optional(),
          detail: z.string().optional(),
        }),
      )
      .optional(),
    /** Facts to act on: `contactId` of the contact that already has a number (`contact_exists`), `problem` and `country` of an `invalid_phone`. */
    details: z.record(z.string(), z.string()).optional(),
  }),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;
