import { CloudApiClient, CloudApiError } from '@charla/cloud-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Simulator } from './index';
import { createTestSimulator, NUMBER } from './test-support/sandbox-fixture';

const DEAD_WEBHOOK = 'http://127.0.0.1:9/unused';
const SECOND = { ...NUMBER, phoneNumberId: '106540352242999', displayPhoneNumber: '+52 55 5000 0002' };
const OTHER_BUSINESS = {
  ...NUMBER,
  phoneNumberId: '209999000011111',
  displayPhoneNumber: '+1 555 0100',
  wabaId: '309999000022222',
  accessToken: 'other-token',
  verifiedName: 'Otra Tienda',
};

let simulator: Simulator;
let client: CloudApiClient;

beforeEach(async () => {
  simulator = createTestSimulator(DEAD_WEBHOOK, { webhookRetryDelaysMs: [] }).simulator;
  // verifiedName left out: Graph shows the display number instead.
  simulator.registerNumber({ ...SECOND, verifiedName: undefined, webhookUrl: DEAD_WEBHOOK });
  simulator.registerNumber({ ...OTHER_BUSINESS, webhookUrl: DEAD_WEBHOOK });
  const baseUrl = await simulator.listen();
  client = new CloudApiClient({ baseUrl, version: 'v25.0', accessToken: NUMBER.accessToken });
});
afterEach(() => simulator.close());

const get = async (url: string, token: string | null = NUMBER.accessToken) => {
  const response = await simulator.app.inject({
    method: 'GET',
    url,
    headers: token === null ? {} : { authorization: `Bearer ${token}` },
  });
  return { status: response.statusCode, body: response.json() };
};

describe('GET /{WABA_ID}/phone_numbers', () => {
  it('lists only the numbers of that WABA, in the shape CloudApiClient validates', async () => {
    const list = await client.listPhoneNumbers(NUMBER.wabaId);
    expect(list.data).toEqual([
      {
        id: NUMBER.phoneNumberId,
        display_phone_number: NUMBER.displayPhoneNumber,
        verified_name: NUMBER.verifiedName,
        quality_rating: 'GREEN',
      },
      {
        id: SECOND.phoneNumberId,
        display_phone_number: SECOND.displayPhoneNumber,
        verified_name: SECOND.displayPhoneNumber,
        quality_rating: 'GREEN',
      },
    ]);
    expect(list.paging?.next).toBeUndefined();
    expect(list.paging?.cursors?.after).toEqual(expect.any(String));
  });

  it('pages with limit and the after cursor until no next is given', async () => {
    const first = await client.listPhoneNumbers(NUMBER.wabaId, { limit: 1 });
    expect(first.data.map((n) => n.id)).toEqual([NUMBER.phoneNumberId]);
    expect(first.paging?.next).toContain(`/v25.0/${NUMBER.wabaId}/phone_numbers?`);
    const after = first.paging?.cursors?.after ?? '';
    const second = await client.listPhoneNumbers(NUMBER.wabaId, { limit: 1, after });
    expect(second.data.map((n) => n.id)).toEqual([SECOND.phoneNumberId]);
    expect(second.paging?.next).toBeUndefined();
    const bad = await get(`/v25.0/${NUMBER.wabaId}/phone_numbers?after=nonsense`);
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 100 } } });
  });

  it('honours fields like the single-number read, and names an unknown one', async () => {
    const only = await get(`/v25.0/${NUMBER.wabaId}/phone_numbers?fields=display_phone_number`);
    expect(only.body.data[0]).toEqual({
      display_phone_number: NUMBER.displayPhoneNumber,
      id: NUMBER.phoneNumberId,
    });
    const unknown = await get(`/v25.0/${NUMBER.wabaId}/phone_numbers?fields=wallpaper`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.error_data.details).toContain('wallpaper');
  });

  it.each([
    ['a wrong token', 'nope'],
    ['no token', null],
  ])('answers 401 code 190 for %s', async (_label, token) => {
    const { status, body } = await get(`/v25.0/${NUMBER.wabaId}/phone_numbers`, token);
    expect(status).toBe(401);
    expect(body.error).toMatchObject({ code: 190, type: 'OAuthException' });
  });

  it('answers 400 code 100 subcode 33 for an unknown WABA and for a WABA the token cannot see', async () => {
    for (const wabaId of ['999999999', OTHER_BUSINESS.wabaId]) {
      const error = await client.listPhoneNumbers(wabaId).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CloudApiError);
      expect(error).toMatchObject({ httpStatus: 400, code: 100, subcode: 33 });
      expect((error as Error).message).toContain(`Object with ID '${wabaId}' does not exist`);
    }
    const own = await get(`/v25.0/${OTHER_BUSINESS.wabaId}/phone_numbers`, OTHER_BUSINESS.accessToken);
    expect(own.body.data.map((n: { id: string }) => n.id)).toEqual([OTHER_BUSINESS.phoneNumberId]);
  });

  it('rejects an expired Graph version', async () => {
    const { status, body } = await get(`/v19.0/${NUMBER.wabaId}/phone_numbers`);
    expect(status).toBe(400);
    expect(body.error.message).toContain('deprecated version');
  });
});
