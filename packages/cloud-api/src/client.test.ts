import { describe, expect, it } from 'vitest';
import { CloudApiClient } from './client';
import { CloudApiError, CloudApiNetworkError } from './client-errors';

type Call = { url: string; init: RequestInit };

function fakeFetch(respond: (call: Call) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const impl = (async (input: string | URL | Request, init?: RequestInit) => {
    const call = { url: String(input), init: init ?? {} };
    calls.push(call);
    return respond(call);
  }) as typeof fetch;
  return { impl, calls };
}

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

function makeClient(impl: typeof fetch) {
  return new CloudApiClient({
    baseUrl: 'http://127.0.0.1:4010/',
    version: 'v23.0',
    accessToken: 'tok',
    fetch: impl,
  });
}

async function catchError(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

const accepted = {
  messaging_product: 'whatsapp',
  contacts: [{ input: '+52 55 1234 5678', wa_id: '525512345678' }],
  messages: [{ id: 'wamid.ABC=' }],
};

describe('CloudApiClient', () => {
  it('sends a text reply with bearer auth to the versioned messages endpoint', async () => {
    const fake = fakeFetch(() => jsonResponse(200, accepted));
    const result = await makeClient(fake.impl).sendText('123', {
      to: '+52 55 1234 5678',
      body: 'Hola',
      replyToMessageId: 'wamid.Q',
    });
    expect(result.messages[0]?.id).toBe('wamid.ABC=');
    const [call] = fake.calls;
    expect(call?.url).toBe('http://127.0.0.1:4010/v23.0/123/messages');
    expect(new Headers(call?.init.headers).get('authorization')).toBe('Bearer tok');
    expect(JSON.parse(String(call?.init.body))).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '+52 55 1234 5678',
      type: 'text',
      text: { body: 'Hola' },
      context: { message_id: 'wamid.Q' },
    });
  });

  it('marks a message read and reads a phone number', async () => {
    const fake = fakeFetch((call) =>
      call.init.method === 'GET'
        ? jsonResponse(200, { id: '123', display_phone_number: '+1 555-0100', quality_rating: 'GREEN' })
        : jsonResponse(200, { success: true }),
    );
    const client = makeClient(fake.impl);
    await expect(client.markRead('123', 'wamid.IN')).resolves.toEqual({ success: true });
    expect(JSON.parse(String(fake.calls[0]?.init.body))).toEqual({
      messaging_product: 'whatsapp',
      status: 'read',
      message_id: 'wamid.IN',
    });
    const phone = await client.getPhoneNumber('123');
    expect(phone.display_phone_number).toBe('+1 555-0100');
    expect(fake.calls[1]?.url).toBe(
      'http://127.0.0.1:4010/v23.0/123?fields=display_phone_number,verified_name,quality_rating',
    );
  });

  it('lists the phone numbers of a WhatsApp Business Account, one page per call', async () => {
    const page = {
      data: [
        { id: '123', display_phone_number: '+1 555-0100', verified_name: 'Luna', quality_rating: 'GREEN' },
      ],
      paging: { cursors: { before: 'QVFI', after: 'QVFJ' }, next: 'https://graph.facebook.com/v23.0/…' },
    };
    const fake = fakeFetch(() => jsonResponse(200, page));
    const client = makeClient(fake.impl);
    await expect(client.listPhoneNumbers('777')).resolves.toEqual(page);
    await client.listPhoneNumbers('7 7', { after: 'QVFJ', limit: 2 });
    expect(fake.calls.map((c) => c.url)).toEqual([
      'http://127.0.0.1:4010/v23.0/777/phone_numbers?fields=id%2Cdisplay_phone_number%2Cverified_name%2Cquality_rating',
      'http://127.0.0.1:4010/v23.0/7%207/phone_numbers?fields=id%2Cdisplay_phone_number%2Cverified_name%2Cquality_rating&limit=2&after=QVFJ',
    ]);
    expect(new Headers(fake.calls[0]?.init.headers).get('authorization')).toBe('Bearer tok');
  });

  it('rejects a phone number list that is not one, and maps an unknown WABA to CloudApiError', async () => {
    const malformed = fakeFetch(() => jsonResponse(200, { data: [{ display_phone_number: '+1' }] }));
    const error = await catchError(makeClient(malformed.impl).listPhoneNumbers('777'));
    expect(error).toMatchObject({ httpStatus: 200, code: 0, title: 'Unexpected response body' });
    expect((error as CloudApiError).details).toContain('data');

    const unknown = {
      error: {
        message: "Unsupported get request. Object with ID '777' does not exist",
        type: 'GraphMethodException',
        code: 100,
        error_subcode: 33,
        fbtrace_id: 'A1',
      },
    };
    const refused = await catchError(
      makeClient(fakeFetch(() => jsonResponse(400, unknown)).impl).listPhoneNumbers('777'),
    );
    expect(refused).toBeInstanceOf(CloudApiError);
    expect(refused).toMatchObject({ httpStatus: 400, code: 100, subcode: 33 });
  });

  it("maps Meta's error envelope to CloudApiError", async () => {
    const body = {
      error: {
        message: '(#131047) Re-engagement message',
        type: 'OAuthException',
        code: 131047,
        error_data: { messaging_product: 'whatsapp', details: 'More than 24 hours have passed.' },
        error_subcode: 2494010,
        fbtrace_id: 'Az8or2',
      },
    };
    const error = await catchError(
      makeClient(fakeFetch(() => jsonResponse(400, body)).impl).sendText('1', { to: '2', body: 'x' }),
    );
    expect(error).toBeInstanceOf(CloudApiError);
    expect(error).toMatchObject({
      httpStatus: 400,
      code: 131047,
      title: 'Re-engagement message',
      details: 'More than 24 hours have passed.',
      subcode: 2494010,
      fbtraceId: 'Az8or2',
    });
  });

  it('maps a non-JSON error page to CloudApiError with code 0 and the HTTP status', async () => {
    const fake = fakeFetch(() => new Response('<html>502 Bad Gateway</html>', { status: 502 }));
    const error = await catchError(makeClient(fake.impl).sendText('1', { to: '2', body: 'x' }));
    expect(error).toBeInstanceOf(CloudApiError);
    expect(error).toMatchObject({ httpStatus: 502, code: 0, details: '<html>502 Bad Gateway</html>' });
  });

  it('rejects a 200 whose body is not a send response', async () => {
    const fake = fakeFetch(() =>
      jsonResponse(200, { messaging_product: 'whatsapp', contacts: [], messages: [] }),
    );
    const error = await catchError(makeClient(fake.impl).sendText('1', { to: '2', body: 'x' }));
    expect(error).toMatchObject({ httpStatus: 200, code: 0, title: 'Unexpected response body' });
  });

  it('says a refused connection never reached Meta, so a retry cannot duplicate the send', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    const fake = fakeFetch(() => Promise.reject(new TypeError('fetch failed', { cause: refused })));
    const error = await catchError(makeClient(fake.impl).sendText('1', { to: '2', body: 'x' }));
    expect(error).toBeInstanceOf(CloudApiNetworkError);
    expect((error as CloudApiNetworkError).mayHaveReachedMeta).toBe(false);
  });

  it('says a reset or a timeout may have reached Meta', async () => {
    const reset = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });
    const resetFetch = fakeFetch(() => Promise.reject(new TypeError('fetch failed', { cause: reset })));
    const resetError = await catchError(makeClient(resetFetch.impl).sendText('1', { to: '2', body: 'x' }));
    expect((resetError as CloudApiNetworkError).mayHaveReachedMeta).toBe(true);

    const hang = fakeFetch(
      (call) =>
        new Promise<Response>((_resolve, reject) => {
          call.init.signal?.addEventListener('abort', () => reject(call.init.signal?.reason));
        }),
    );
    const client = new CloudApiClient({
      baseUrl: 'http://x',
      version: 'v23.0',
      accessToken: 't',
      fetch: hang.impl,
      timeoutMs: 20,
    });
    const timeout = await catchError(client.sendText('1', { to: '2', body: 'x' }));
    expect(timeout).toBeInstanceOf(CloudApiNetworkError);
    expect((timeout as CloudApiNetworkError).mayHaveReachedMeta).toBe(true);
    expect((timeout as Error).message).toContain('timed out');
  });
});
