import { describe, expect, it } from 'vitest';
import { CloudApiClient } from './client';
import { CloudApiError } from './client-errors';

type Call = { url: string; init: RequestInit };

function fakeFetch(status: number, body: unknown) {
  const calls: Call[] = [];
  const impl = (async (input: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(input), init: init ?? {} });
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return { impl, calls };
}

const client = (impl: typeof fetch) =>
  new CloudApiClient({ baseUrl: 'http://127.0.0.1:4010', version: 'v25.0', accessToken: 'tok', fetch: impl });

describe('CloudApiClient templates', () => {
  it('creates a template under the WABA with the JSON body', async () => {
    const fake = fakeFetch(200, { id: '1627019861106475', status: 'PENDING', category: 'UTILITY' });
    const body = {
      name: 'order_update',
      language: 'es',
      category: 'UTILITY' as const,
      components: [{ type: 'BODY' as const, text: 'Hola {{1}}', example: { body_text: [['Ana']] } }],
    };
    const result = await client(fake.impl).createTemplate('102290129340398', body);
    expect(result).toEqual({ id: '1627019861106475', status: 'PENDING', category: 'UTILITY' });
    expect(fake.calls[0]?.url).toBe('http://127.0.0.1:4010/v25.0/102290129340398/message_templates');
    expect(fake.calls[0]?.init.method).toBe('POST');
    expect(JSON.parse(String(fake.calls[0]?.init.body))).toEqual(body);
  });

  it('lists one page with the filters and cursor in the query', async () => {
    const fake = fakeFetch(200, {
      data: [{ id: '1', name: 'a', status: 'APPROVED' }],
      paging: { cursors: {} },
    });
    const page = await client(fake.impl).listTemplates('waba', {
      limit: 5,
      after: 'CUR',
      name: 'a',
      status: 'APPROVED',
    });
    expect(page.data[0]?.name).toBe('a');
    const url = new URL(fake.calls[0]?.url ?? '');
    expect(url.pathname).toBe('/v25.0/waba/message_templates');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      limit: '5',
      after: 'CUR',
      name: 'a',
      status: 'APPROVED',
    });
    expect(url.searchParams.get('fields')).toContain('components');
  });

  it('deletes by name, or one template by hsm_id + name', async () => {
    const fake = fakeFetch(200, { success: true });
    await client(fake.impl).deleteTemplate('waba', { name: 'promo' });
    await client(fake.impl).deleteTemplate('waba', { name: 'promo', hsmId: '99' });
    expect(fake.calls.map((c) => [c.init.method, c.url])).toEqual([
      ['DELETE', 'http://127.0.0.1:4010/v25.0/waba/message_templates?name=promo'],
      ['DELETE', 'http://127.0.0.1:4010/v25.0/waba/message_templates?name=promo&hsm_id=99'],
    ]);
  });

  it('surfaces a creation refusal as a CloudApiError with code, title and details', async () => {
    const fake = fakeFetch(400, {
      error: {
        message: '(#2388299) Leading or trailing parameters not allowed',
        type: 'OAuthException',
        code: 2388299,
        error_data: { messaging_product: 'whatsapp', details: 'components[0].text starts with a parameter.' },
        fbtrace_id: 'abc',
      },
    });
    const error = await client(fake.impl)
      .createTemplate('waba', { name: 'x', language: 'en', category: 'UTILITY', components: [] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CloudApiError);
    expect(error).toMatchObject({
      code: 2388299,
      title: 'Leading or trailing parameters not allowed',
      details: 'components[0].text starts with a parameter.',
    });
  });

  it('uploads header example bytes to a resumable session from offset 0', async () => {
    const session = fakeFetch(200, { id: 'upload:MTphdHRhY2g=' });
    const created = await client(session.impl).createUploadSession('app1', {
      fileLength: 3,
      fileType: 'image/png',
      fileName: 'a.png',
    });
    expect(session.calls[0]?.url).toBe(
      'http://127.0.0.1:4010/v25.0/app1/uploads?file_length=3&file_type=image%2Fpng&file_name=a.png',
    );
    const upload = fakeFetch(200, { h: '4::aW1hZ2U=' });
    const handle = await client(upload.impl).uploadFileToSession(created.id, new Uint8Array([1, 2, 3]));
    expect(handle).toEqual({ h: '4::aW1hZ2U=' });
    expect(upload.calls[0]?.url).toBe('http://127.0.0.1:4010/v25.0/upload:MTphdHRhY2g=');
    expect(new Headers(upload.calls[0]?.init.headers).get('file_offset')).toBe('0');
    expect([...new Uint8Array(upload.calls[0]?.init.body as Uint8Array)]).toEqual([1, 2, 3]);
  });

  it('reads throughput and messaging limit of a number', async () => {
    const fake = fakeFetch(200, {
      throughput: { level: 'STANDARD' },
      whatsapp_business_manager_messaging_limit: 'TIER_250',
      id: '1',
    });
    expect(await client(fake.impl).getPhoneNumberLimits('1')).toEqual({
      throughput: 'STANDARD',
      messagingLimit: 'TIER_250',
    });
    expect(fake.calls[0]?.url).toBe(
      'http://127.0.0.1:4010/v25.0/1?fields=throughput,whatsapp_business_manager_messaging_limit',
    );
  });
});
