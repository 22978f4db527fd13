import type {
  ApiBulkContact,
  ApiBulkContactResult,
  ApiBulkContactsResult,
  ContactAttributeDefinition,
  ContactAttributeValue,
} from '@charla/contracts';
import { toPgSafeText } from '../../platform/db/pg-safe';
import { listAttributeDefinitions } from './attribute-definitions';
import { checkAttributeValue } from './contact-values';
import type { ContactsDeps } from './contacts.deps';
import type { ImportedContact } from './import-plan';
import { normalizePhone } from './phone-numbers';
import { upsertContacts } from './upsert-contacts';
import { workspaceDefaultCountry } from './workspace-country';

type Rejection = Pick<ApiBulkContactResult, 'code' | 'reason' | 'field' | 'phone'>;

/**
 * Many contacts at once by phone, as a contacts import does (same matching, same merge: the
 * name when given, tags added, attributes merged, consent with source `api`), answered row by
 * row: created, updated, or rejected saying why (a number that is not one, an attribute the
 * workspace lacks or a value not of its type, a number already given in an earlier row). The
 * good rows are written in one transaction whatever the bad ones are.
 */
export async function bulkUpsertContacts(
  deps: Pick<ContactsDeps, 'db' | 'clock' | 'contactsChanged'>,
  workspaceId: string,
  rows: ApiBulkContact[],
): Promise<ApiBulkContactsResult> {
  const country = (await workspaceDefaultCountry(deps, workspaceId)) ?? '';
  const definitions = new Map((await listAttributeDefinitions(deps, workspaceId)).map((d) => [d.key, d]));
  const firstIndex = new Map<string, number>();
  const results: ApiBulkContactResult[] = [];
  const good: { index: number; contact: ImportedContact }[] = [];
  rows.forEach((row, index) => {
    const planned = planRow(row, index, country, definitions);
    if ('code' in planned) {
      results.push({ index, status: 'rejected', contactId: null, ...planned });
      return;
    }
    const earlier = firstIndex.get(planned.matchKey);
    if (earlier !== undefined) {
      results.push({
        index,
        status: 'rejected',
        contactId: null,
        code: 'duplicate_in_request',
        reason: `${planned.phone} is already in row ${earlier}`,
        field: 'phone',
        phone: planned.phone,
      });
      return;
    }
    firstIndex.set(planned.matchKey, index);
    results.push({
      index,
      status: 'created',
      contactId: null,
      phone: planned.phone,
      code: null,
      reason: null,
      field: null,
    });
    good.push({ index, contact: planned });
  });
  const { outcomes } = await deps.db.transaction((query) =>
    upsertContacts(
      query,
      workspaceId,
      good.map((g) => g.contact),
      deps.clock.now(),
      'api',
    ),
  );
  const byIndex = new Map(results.map((r) => [r.index, r]));
  good.forEach(({ index }, i) => {
    const result = byIndex.get(index)!;
    const outcome = outcomes[i];
    if (outcome) Object.assign(result, { status: outcome.status, contactId: outcome.id });
    else
      Object.assign(result, {
        status: 'rejected',
        code: 'duplicate_in_request',
        reason: `${result.phone} is the same contact as an earlier row`,
        field: 'phone',
      });
  });
  const changed = results.flatMap((r) => (r.contactId ? [{ workspaceId, contactId: r.contactId }] : []));
  if (changed.length > 0) await deps.contactsChanged(changed);
  results.sort((a, b) => a.index - b.index);
  const count = (status: ApiBulkContactResult['status']) => results.filter((r) => r.status === status).length;
  return { created: count('created'), updated: count('updated'), rejected: count('rejected'), results };
}

/** One row as a contact to upsert, or why not (its number, an attribute). Pure. */
function planRow(
  row: ApiBulkContact,
  index: number,
  country: string,
  definitions: Map<string, ContactAttributeDefinition>,
): ImportedContact | Rejection {
  const number = normalizePhone(row.phone, country);
  if (!number.ok)
    return {
      code: 'invalid_phone',
      reason: `"${row.phone}" is not a phone number: ${number.reason}`,
      field: 'phone',
      phone: null,
    };
  const attributes: Record<string, ContactAttributeValue> = {};
  for (const [key, value] of Object.entries(row.attributes ?? {})) {
    const def = definitions.get(key);
    const field = `attributes.${key}`;
    if (!def)
      return {
        code: 'unknown_attribute',
        reason: `Unknown attribute "${key}": define it in Settings › Contacts first`,
        field,
        phone: number.phone,
      };
    const checked = checkAttributeValue(def, value, 'api');
    if (!checked.ok)
      return { code: 'invalid_value', reason: `${key} ${checked.reason}`, field, phone: number.phone };
    attributes[key] = checked.value;
  }
  return {
    line: index,
    phone: number.phone,
    waId: number.waId,
    matchKey: number.matchKey,
    name: row.name ? toPgSafeText(row.name) : null,
    tags: [...new Set((row.tags ?? []).map((t) => toPgSafeText(t)))],
    attributes,
    optIn: row.optIn === undefined ? null : row.optIn === 'opted_in',
  };
}
