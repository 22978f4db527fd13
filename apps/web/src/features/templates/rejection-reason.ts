import type { Template } from '@charla/contracts';

type Translate = (key: string, options?: Record<string, string>) => string;

export interface RejectionText {
  /** What the rejection means, in the user's language; Meta's own words when Charla does not know the code. */
  reason: string;
  /** What to do about it; null for a code Charla does not know. */
  fix: string | null;
  /** Meta's own explanation, shown as detail under ours; null when there is none or it is already `reason`. */
  metaText: string | null;
}

/**
 * Meta's rejection code (`INVALID_FORMAT`, `PROMOTIONAL`…) explained in the active language with what
 * to do; Meta's text stays as the detail. A code Charla does not know falls back to Meta's text.
 */
export function describeRejection(
  rejection: NonNullable<Template['rejection']>,
  t: Translate,
  exists: (key: string) => boolean,
): RejectionText {
  const detail = rejection.detail?.trim() || null;
  const key = `templates.rejection.${rejection.reason.toLowerCase()}`;
  if (!exists(`${key}.what`)) return { reason: detail ?? rejection.reason, fix: null, metaText: null };
  return {
    reason: t(`${key}.what`),
    fix: t(`${key}.fix`, { example: '{{1}}, {{2}}' }),
    metaText: detail,
  };
}
