import { type MediaKind, OTHER_INTERACTIVE_TYPES, OUTBOUND_REQUEST_SCHEMAS } from '@charla/cloud-api';
import type { z } from 'zod';
import { type GraphApiError, graphErrors } from './graph-error';
import { previewOutbound } from './outbound-preview';

/** A file the message points at: an uploaded media `id` or a `link` Meta would fetch. */
export type MediaReference = { path: string; kind: MediaKind; id?: string; link?: string; voice: boolean };

export type ValidatedOutbound = {
  type: string;
  /** What the customer's phone shows for this message in a chat list. */
  preview: string;
  /** The payload under `type`, kept for the phone page. */
  content: unknown;
  media: MediaReference[];
  reaction: { messageId: string; emoji: string } | null;
  /** Only templates may be sent outside the customer service window (§7.1). */
  isAllowedOutsideWindow: boolean;
};

type Validation = { ok: true; value: ValidatedOutbound } | { ok: false; error: GraphApiError };

/**
 * §8.2–§8.3: validates a send body with the same schemas Charla's client uses and answers like
 * Meta: a missing field is 131008, a wrong value 100, a rule across fields (id XOR link, unique
 * ids, rows in total) 131009, with `details` naming the field as `interactive['action']…`.
 */
export function validateOutbound(body: Record<string, unknown>): Validation {
  // Meta defaults `type` to text when it is omitted.
  const type = body.type ?? 'text';
  if (typeof type !== 'string')
    return { ok: false, error: graphErrors.invalidParameter("Invalid value for parameter 'type'.") };
  if (!Object.hasOwn(OUTBOUND_REQUEST_SCHEMAS, type)) {
    return { ok: false, error: graphErrors.unsupportedType('Message type is not currently supported.') };
  }
  const interactiveType = isRecord(body.interactive) ? body.interactive.type : undefined;
  if (type === 'interactive' && (OTHER_INTERACTIVE_TYPES as readonly unknown[]).includes(interactiveType)) {
    return {
      ok: false,
      error: graphErrors.unsupportedType(
        `Interactive type ${String(interactiveType)} is not supported by the simulator yet.`,
      ),
    };
  }
  const schema = OUTBOUND_REQUEST_SCHEMAS[type as keyof typeof OUTBOUND_REQUEST_SCHEMAS];
  const parsed = schema.safeParse({ ...body, type });
  if (!parsed.success) return { ok: false, error: toGraphError(parsed.error.issues, body) };
  const content = body[type];
  return {
    ok: true,
    value: {
      type,
      preview: previewOutbound(type, content),
      content,
      media: collectMedia(type, content),
      reaction:
        type === 'reaction' && isRecord(content)
          ? { messageId: String(content.message_id), emoji: String(content.emoji) }
          : null,
      isAllowedOutsideWindow: type === 'template',
    },
  };
}

const MEDIA_TYPES = new Set<string>(['image', 'video', 'document', 'audio', 'sticker']);

function collectMedia(type: string, content: unknown): MediaReference[] {
  if (MEDIA_TYPES.has(type) && isRecord(content)) {
    return [toReference(type, type as MediaKind, content)];
  }
  if (type === 'interactive' && isRecord(content) && isRecord(content.header)) {
    const kind = content.header.type;
    const media = typeof kind === 'string' ? content.header[kind] : undefined;
    if (typeof kind === 'string' && MEDIA_TYPES.has(kind) && isRecord(media)) {
      return [toReference(`interactive['header']['${kind}']`, kind as MediaKind, media)];
    }
  }
  return [];
}

function toReference(path: string, kind: MediaKind, media: Record<string, unknown>): MediaReference {
  return {
    path,
    kind,
    ...(typeof media.id === 'string' && { id: media.id }),
    ...(typeof media.link === 'string' && { link: media.link }),
    voice: media.voice === true,
  };
}

/** `['interactive', 'action', 'buttons', 0]` -> `interactive['action']['buttons'][0]`, Meta's notation. */
export function formatMetaPath(path: readonly PropertyKey[]): string {
  return path
    .map((segment, index) =>
      typeof segment === 'number' ? `[${segment}]` : index === 0 ? String(segment) : `['${String(segment)}']`,
    )
    .join('');
}

function readPath(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const segment of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

function toGraphError(issues: readonly z.core.$ZodIssue[], body: Record<string, unknown>): GraphApiError {
  const [issue] = issues;
  if (!issue) return graphErrors.invalidParameter('Invalid parameter.');
  const field = formatMetaPath(issue.path) || 'message';
  switch (issue.code) {
    case 'invalid_type':
      if (readPath(body, issue.path) === undefined) {
        return graphErrors.missingParameter(`The parameter ${field} is required.`);
      }
      return graphErrors.invalidParameter(`Param ${field} must be ${withArticle(issue.expected)}.`);
    case 'unrecognized_keys': {
      const [key] = issue.keys;
      return graphErrors.invalidParameter(
        `Param ${formatMetaPath([...issue.path, key ?? ''])} is not a valid parameter here.`,
      );
    }
    case 'too_big':
      return graphErrors.invalidParameter(`Param ${field} must be ${describeBound(issue, 'at most')}.`);
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) {
        return graphErrors.invalidParameter(`Param ${field} must be a non-empty string.`);
      }
      return graphErrors.invalidParameter(`Param ${field} must be ${describeBound(issue, 'at least')}.`);
    case 'invalid_value':
      return graphErrors.invalidParameter(
        `Param ${field} must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}.`,
      );
    case 'invalid_union':
      return graphErrors.invalidParameter(`Invalid value for parameter ${field}.`);
    case 'custom':
      return graphErrors.invalidValue(`Param ${field} ${issue.message}.`);
    default:
      return graphErrors.invalidParameter(`Param ${field} ${issue.message.replace(/^Invalid input: /, '')}.`);
  }
}

function describeBound(
  issue: { origin: string; maximum?: unknown; minimum?: unknown },
  word: string,
): string {
  const bound = Number(issue.maximum ?? issue.minimum);
  if (issue.origin === 'string') return `${word} ${bound} characters long`;
  if (issue.origin === 'array') return `${word} ${bound} ${bound === 1 ? 'item' : 'items'}`;
  return `${word} ${bound}`;
}

function withArticle(expected: string): string {
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
