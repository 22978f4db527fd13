import { z } from 'zod';
import { AutomatedBySchema } from './automated-by';

/** An internal note: only the team sees it, it never goes to the customer. */
export const NoteSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  /** Null once the author's account is gone, and for a note an API key or a rule wrote. */
  author: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** Written by an API key or an automation rule (named as it was then) instead of a member. */
  automatedBy: AutomatedBySchema.nullable().optional(),
  body: z.string(),
  /** Members named with `@Name` in the body. */
  mentionedUserIds: z.array(z.string()),
  createdAt: z.string(),
});
export type Note = z.infer<typeof NoteSchema>;

export const CreateNoteRequestSchema = z.object({
  body: z.string().trim().min(1, 'Write the note first').max(4000, 'A note holds at most 4000 characters'),
});
export type CreateNoteRequest = z.input<typeof CreateNoteRequestSchema>;

/** The variables a canned response may use; filled from the conversation when inserted. */
export const CANNED_VARIABLES = [
  'contact.name',
  'contact.first_name',
  'contact.phone',
  'agent.name',
  'workspace.name',
] as const;
export type CannedVariable = (typeof CANNED_VARIABLES)[number];
export type CannedValues = Record<CannedVariable, string | null>;

/**
 * A contact's first name as a greeting uses it: the first word of their name (or of the name
 * WhatsApp gave); null without one. Broadcasts compute the same in SQL (variables-sql.ts).
 */
export function firstNameOf(name: string | null | undefined): string | null {
  return name?.trim().split(/\s+/u)[0] || null;
}

const VARIABLE = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Names used in `{{...}}` that are not allowed variables, in order of appearance, once each. */
export function unknownCannedVariables(body: string): string[] {
  const allowed = new Set<string>(CANNED_VARIABLES);
  const unknown = new Set<string>();
  for (const match of body.matchAll(VARIABLE)) {
    const name = match[1] ?? '';
    if (!allowed.has(name)) unknown.add(name);
  }
  return [...unknown];
}

/** The body with each known variable replaced; a missing value leaves an empty string. */
export function fillCannedVariables(body: string, values: CannedValues): string {
  return body.replace(VARIABLE, (whole, name: string) =>
    (CANNED_VARIABLES as readonly string[]).includes(name) ? (values[name as CannedVariable] ?? '') : whole,
  );
}

export const CannedResponseSchema = z.object({
  id: z.string(),
  /** What follows `/` in the composer, e.g. `hours`. */
  shortcut: z.string(),
  body: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CannedResponse = z.infer<typeof CannedResponseSchema>;

export const CannedResponseRequestSchema = z.object({
  shortcut: z
    .string()
    .trim()
    .min(1, 'Give it a shortcut')
    .max(40, 'At most 40 characters')
    .regex(/^[\p{L}\p{N}_-]+$/u, 'Letters, digits, - and _ only (no spaces)'),
  body: z.string().trim().min(1, 'Write the response').max(4096, 'WhatsApp allows at most 4096 characters'),
});
export type CannedResponseRequest = z.input<typeof CannedResponseRequestSchema>;

export const CannedResponseListSchema = z.object({ items: z.array(CannedResponseSchema) });
export type CannedResponseList = z.infer<typeof CannedResponseListSchema>;
