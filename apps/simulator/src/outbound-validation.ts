import { TEXT_BODY_MAX_LENGTH } from '@charla/cloud-api';
import { type GraphApiError, graphErrors } from './graph-error';

export type ValidatedOutbound = {
  /** What the customer's phone shows for this message. */
  preview: string;
  /** Only templates may be sent outside the customer service window (§7.1). */
  isAllowedOutsideWindow: boolean;
};

type Validation = { ok: true; value: ValidatedOutbound } | { ok: false; error: GraphApiError };
type Validator = (body: Record<string, unknown>) => Validation;

/** One entry per simulated message type; adding a type means adding a validator here. */
const VALIDATORS: Record<string, Validator> = {
  text: validateText,
};

/** Types Meta knows (§2.1) but the simulator does not simulate yet: refused, not mistaken for typos. */
const NOT_YET_SIMULATED = new Set([
  'image',
  'audio',
  'video',
  'document',
  'sticker',
  'location',
  'contacts',
  'interactive',
  'template',
  'reaction',
]);

export function validateOutbound(body: Record<string, unknown>): Validation {
  // Meta defaults `type` to text when it is omitted.
  const type = body.type ?? 'text';
  if (typeof type !== 'string')
    return { ok: false, error: graphErrors.invalidParameter("Invalid value for parameter 'type'.") };
  const validator = VALIDATORS[type];
  if (validator) return validator(body);
  const details = NOT_YET_SIMULATED.has(type)
    ? `Message type ${type} is not supported by the simulator yet.`
    : 'Message type is not currently supported.';
  return { ok: false, error: graphErrors.unsupportedType(details) };
}

function validateText(body: Record<string, unknown>): Validation {
  const text = body.text;
  if (!isRecord(text) || text.body === undefined || text.body === null) {
    return { ok: false, error: graphErrors.missingParameter("The parameter text['body'] is required.") };
  }
  if (typeof text.body !== 'string' || text.body.trim() === '') {
    return {
      ok: false,
      error: graphErrors.invalidParameter("Param text['body'] must be a non-empty string."),
    };
  }
  if (text.body.length > TEXT_BODY_MAX_LENGTH) {
    return {
      ok: false,
      error: graphErrors.invalidParameter(
        `Param text['body'] must be at most ${TEXT_BODY_MAX_LENGTH} characters long.`,
      ),
    };
  }
  if (text.preview_url !== undefined && typeof text.preview_url !== 'boolean') {
    return { ok: false, error: graphErrors.invalidParameter("Param text['preview_url'] must be a boolean.") };
  }
  return { ok: true, value: { preview: text.body, isAllowedOutsideWindow: false } };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
