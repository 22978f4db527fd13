import type { SimTemplate } from './sandbox-state';
import { fixedWords } from './template-variables';

export type ReviewDecision =
  | { status: 'APPROVED'; category: string }
  | {
      status: 'REJECTED';
      reason: 'INVALID_FORMAT' | 'INCORRECT_CATEGORY';
      rejectionInfo: { reason: string; recommendation: string };
    };

/** Words that make a UTILITY/AUTHENTICATION template promotional (English and Spanish). */
const PROMOTIONAL =
  /\b(descuentos?|ofertas?|promoci[oó]n(es)?|rebajas?|gratis|discounts?|offers?|sale|deals?|promo(tion)?s?|coupons?|cup[oó]n(es)?)\b|\d+\s?%\s?(off|de descuento)/iu;

/**
 * The simulated review (§8.8). Documented in apps/simulator/README.md:
 * 1. A body that is only parameters, or has two parameters side by side → REJECTED INVALID_FORMAT.
 * 2. A UTILITY or AUTHENTICATION template with promotional wording → REJECTED INCORRECT_CATEGORY,
 *    or APPROVED as MARKETING when it was created with `allow_category_change: true`.
 * 3. Anything else → APPROVED.
 */
export function reviewTemplate(template: SimTemplate): ReviewDecision {
  const texts = template.components.map((c) => (typeof c.text === 'string' ? c.text : '')).join('\n');
  const body = template.components.find((c) => c.type === 'BODY');
  const bodyText = typeof body?.text === 'string' ? body.text : '';
  if (fixedWords(bodyText).length === 0 || /\}\}\s*\{\{/.test(bodyText)) {
    return {
      status: 'REJECTED',
      reason: 'INVALID_FORMAT',
      rejectionInfo: {
        reason: 'Your template has parameters placed next to each other or no text around its parameters.',
        recommendation:
          'Separate parameters with descriptive text so customers know what the message is about.',
      },
    };
  }
  if (template.category !== 'MARKETING' && PROMOTIONAL.test(texts)) {
    if (template.allowCategoryChange) return { status: 'APPROVED', category: 'MARKETING' };
    return {
      status: 'REJECTED',
      reason: 'INCORRECT_CATEGORY',
      rejectionInfo: {
        reason: `Your ${template.category.toLowerCase()} template contains promotional content.`,
        recommendation: 'Submit it as a MARKETING template, or remove the offer from the text.',
      },
    };
  }
  return { status: 'APPROVED', category: template.category };
}
