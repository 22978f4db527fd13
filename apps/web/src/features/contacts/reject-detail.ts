import type { RejectedRow } from '@charla/contracts';
import type { TFunction } from 'i18next';

/** A rejected CSV row as both the contact import and a broadcast's CSV audience report it. */
export type RejectedCsvRow = Pick<RejectedRow, 'reason'> &
  Partial<Pick<RejectedRow, 'code' | 'value' | 'params'>>;

/**
 * Why a CSV row was refused, in the user's language. Rows stored before the server sent
 * `params` (or with a code this version does not know) fall back to the server's English text.
 */
export function rejectDetail(t: TFunction, row: RejectedCsvRow): string {
  const p = row.params;
  const value = row.value ?? '';
  switch (row.code) {
    case 'missing_phone':
      return t('contacts.import.details.missing_phone');
    case 'invalid_phone':
      return p?.country
        ? t('contacts.import.details.invalid_phone', { value, country: p.country })
        : row.reason;
    case 'duplicate_in_file':
      return p?.firstLine
        ? t('contacts.import.details.duplicate_in_file', { firstLine: p.firstLine })
        : row.reason;
    case 'unknown_attribute':
      return p?.attribute
        ? t('contacts.import.details.unknown_attribute', { attribute: p.attribute })
        : row.reason;
    case 'invalid_value':
      return p?.expected
        ? t(`contacts.import.details.expected.${p.expected}`, {
            attribute: p.attribute ?? '',
            value,
            options: (p.options ?? []).join(', '),
          })
        : row.reason;
    case 'extra_fields':
      return p?.found !== undefined && p.columns !== undefined
        ? t('contacts.import.details.extra_fields', { found: p.found, columns: p.columns })
        : row.reason;
    default:
      return row.reason;
  }
}
