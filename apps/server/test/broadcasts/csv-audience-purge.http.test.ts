import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeUnusedCsvAudiences, UNUSED_CSV_AUDIENCE_DAYS } from '../../src/modules/broadcasts';
import { createTestApp, type TestApp } from '../harness/test-app';
import { approvedPromo, broadcastsApi, promoVariables } from './broadcast-fixtures';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ simulator: { templateReviewMs: 50 } });
});
afterAll(() => t?.close());

const DAY = 86_400_000;

async function uploadCsv(filename: string): Promise<string> {
  const form = new FormData();
  form.append('defaultCountry', 'ES');
  form.append(
    'file',
    new Blob(['phone,name\n+34 612 000 101,Ana\n612000102,Luis\n'], { type: 'text/csv' }),
    filename,
  );
  const res = await fetch(`${t.baseUrl}/api/broadcasts/csv-audiences`, {
    method: 'POST',
    headers: { cookie: t.cookie },
    body: form,
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { uploadId: string }).uploadId;
}
const preview = (uploadId: string) =>
  broadcastsApi(t).call('POST', '/api/broadcasts/audience-preview', {
    channelId: t.sandbox.id,
    audience: { kind: 'csv', uploadId },
  });

describe('CSV audiences nobody used', () => {
  it(`are deleted after ${UNUSED_CSV_AUDIENCE_DAYS} days with their rows; one a broadcast uses stays`, async () => {
    const template = await approvedPromo(t);
    const used = await uploadCsv('clientes.csv');
    const abandoned = await uploadCsv('abandonada.csv');
    const draft = await broadcastsApi(t).create({
      name: 'Clientes de la lista',
      channelId: t.sandbox.id,
      templateId: template.id,
      audience: { kind: 'csv', uploadId: used },
      variables: promoVariables(),
      scheduledAt: null,
      action: 'draft',
    });
    expect(draft.statusCode, draft.body).toBe(201);

    expect(await purgeUnusedCsvAudiences(t.container.broadcasts)).toBe(0);
    t.clock.advance((UNUSED_CSV_AUDIENCE_DAYS + 1) * DAY);
    const fresh = await uploadCsv('nueva.csv');
    expect(await purgeUnusedCsvAudiences(t.container.broadcasts)).toBe(1);

    const gone = await preview(abandoned);
    expect(gone.statusCode, gone.body).toBe(400);
    expect(gone.json().error.code).toBe('upload_not_found');
    const rows = await t.container.db.query('SELECT 1 FROM broadcast_csv_rows WHERE upload_id = $1', [
      abandoned,
    ]);
    expect(rows).toHaveLength(0);
    for (const id of [used, fresh])
      expect((await preview(id)).json()).toMatchObject({ total: 2, invalid: 0 });
  });
});
