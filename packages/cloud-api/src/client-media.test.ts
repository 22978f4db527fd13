import { describe, expect, it } from 'vitest';
import { CloudApiClient } from './client';
import { CloudApiError, CloudApiNetworkError, MediaTooLargeError } from './client-errors';

type Call = { url: string; init: RequestInit };

function makeClient(respond: (call: Call) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fetchImpl = (async (input: string | URL | Request, init?: RequestInit) => {
    const call = { url: String(input), init: init ?? {} };
    calls.push(call);
    return respond(call);
  }) as typeof fetch;
  const client = new CloudApiClient({
    baseUrl: 'http://sim:4010',
    version: 'v23.0',
    accessToken: 'tok',
    fetch: fetchImpl,
  });
  return { client, calls };
}

async function catchError(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

/** A body that streams `chunks` and records whether the reader gave up early. */
function streamingBody(chunks: Uint8Array[]) {
  const state = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = chunks[state.pulled];
      state.pulled += 1;
      if (next) controller.enqueue(next);
      else controller.close();
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

const info = {
  messaging_product: 'whatsapp',
  url: 'http://sim:4010/_sim/media/42/download?exp=1&sig=x',
  mime_type: 'image/jpeg',
  sha256: 'n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=',
  file_size: 3,
  id: '42',
};

describe('CloudApiClient media', () => {
  it('gets a media URL with the bearer token from the versioned id path', async () => {
    const { client, calls } = makeClient(() => Response.json(info));
    await expect(client.getMedia('42')).resolves.toEqual({
      url: info.url,
      mime_type: 'image/jpeg',
      sha256: info.sha256,
      file_size: 3,
      id: '42',
    });
    expect(calls[0]?.url).toBe('http://sim:4010/v23.0/42');
    expect(new Headers(calls[0]?.init.headers).get('authorization')).toBe('Bearer tok');
  });

  it('reads file_size sent as a string, as Meta documents it', async () => {
    const { client } = makeClient(() => Response.json({ ...info, file_size: '303833' }));
    expect((await client.getMedia('42')).file_size).toBe(303833);
  });

  it('maps an unknown media id to CloudApiError', async () => {
    const { client } = makeClient(() =>
      Response.json(
        { error: { message: 'Unsupported get request.', code: 100, type: 'GraphMethodException' } },
        { status: 404 },
      ),
    );
    expect(await catchError(client.getMedia('nope'))).toMatchObject({ httpStatus: 404, code: 100 });
  });

  it('downloads the bytes with the bearer token and the content type', async () => {
    const { client, calls } = makeClient(
      () => new Response(new Uint8Array([1, 2, 3]), { headers: { 'content-type': 'image/jpeg' } }),
    );
    const media = await client.downloadMedia(info.url);
    expect([...media.bytes]).toEqual([1, 2, 3]);
    expect(media.contentType).toBe('image/jpeg');
    expect(calls[0]?.url).toBe(info.url);
    expect(new Headers(calls[0]?.init.headers).get('authorization')).toBe('Bearer tok');
  });

  it('turns an expired URL (404) into CloudApiError, even with a non-JSON body', async () => {
    const { client } = makeClient(() => new Response('Not Found', { status: 404 }));
    const error = await catchError(client.downloadMedia(info.url));
    expect(error).toBeInstanceOf(CloudApiError);
    expect(error).toMatchObject({ httpStatus: 404, code: 0 });
  });

  it('refuses a file whose Content-Length is over maxBytes without reading it', async () => {
    const body = streamingBody([new Uint8Array(10)]);
    const { client } = makeClient(
      () => new Response(body.stream, { headers: { 'content-length': '5000000' } }),
    );
    const error = await catchError(client.downloadMedia(info.url, { maxBytes: 1_000_000 }));
    expect(error).toBeInstanceOf(MediaTooLargeError);
    expect(error).toMatchObject({ maxBytes: 1_000_000, declaredBytes: 5_000_000 });
    expect((error as Error).message).toContain('5000000 bytes');
  });

  it('aborts mid-stream once more than maxBytes arrived without a Content-Length', async () => {
    const chunk = new Uint8Array(400);
    const body = streamingBody([chunk, chunk, chunk, chunk, chunk, chunk]);
    const { client } = makeClient(() => new Response(body.stream));
    const error = await catchError(client.downloadMedia(info.url, { maxBytes: 1000 }));
    expect(error).toBeInstanceOf(MediaTooLargeError);
    expect(error).toMatchObject({ declaredBytes: null });
    expect(body.state.cancelled).toBe(true);
    expect(body.state.pulled).toBeLessThan(6);
  });

  it('accepts a file of exactly maxBytes', async () => {
    const { client } = makeClient(() => new Response(new Uint8Array(1000)));
    expect((await client.downloadMedia(info.url, { maxBytes: 1000 })).bytes.byteLength).toBe(1000);
  });

  it('rejects a URL that is not http(s) before sending the token anywhere', async () => {
    const { client, calls } = makeClient(() => new Response(''));
    const error = await catchError(client.downloadMedia('file:///etc/passwd'));
    expect(error).toMatchObject({ title: 'Invalid media URL' });
    expect(calls).toHaveLength(0);
  });

  it('reports a refused connection as a network error', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const { client } = makeClient(() => Promise.reject(new TypeError('fetch failed', { cause: refused })));
    expect(await catchError(client.downloadMedia(info.url))).toBeInstanceOf(CloudApiNetworkError);
  });

  it('uploads multipart with messaging_product, type and the file, and returns the id', async () => {
    const { client, calls } = makeClient(() => Response.json({ id: '1037543291543636' }));
    const result = await client.uploadMedia('123', {
      bytes: new Uint8Array([1, 2, 3]),
      mimeType: 'image/png',
      filename: 'menu.png',
    });
    expect(result.id).toBe('1037543291543636');
    expect(calls[0]?.url).toBe('http://sim:4010/v23.0/123/media');
    expect(calls[0]?.init.method).toBe('POST');
    const headers = new Headers(calls[0]?.init.headers);
    expect(headers.get('authorization')).toBe('Bearer tok');
    expect(headers.get('content-type')).toBeNull();
    const form = calls[0]?.init.body as FormData;
    expect(form.get('messaging_product')).toBe('whatsapp');
    expect(form.get('type')).toBe('image/png');
    const file = form.get('file') as File;
    expect(file.name).toBe('menu.png');
    expect(file.type).toBe('image/png');
    expect([...new Uint8Array(await file.arrayBuffer())]).toEqual([1, 2, 3]);
  });

  it('maps a refused upload to CloudApiError', async () => {
    const { client } = makeClient(() =>
      Response.json(
        { error: { message: '(#100) Invalid parameter', code: 100, error_data: { details: 'Param file…' } } },
        { status: 400 },
      ),
    );
    const error = await catchError(
      client.uploadMedia('123', {
        bytes: new Uint8Array([1]),
        mimeType: 'application/zip',
        filename: 'a.zip',
      }),
    );
    expect(error).toMatchObject({ httpStatus: 400, code: 100, details: 'Param file…' });
  });

  it('deletes media with DELETE on the id path', async () => {
    const { client, calls } = makeClient(() => Response.json({ success: true }));
    await expect(client.deleteMedia('42')).resolves.toEqual({ success: true });
    expect(calls[0]?.url).toBe('http://sim:4010/v23.0/42');
    expect(calls[0]?.init.method).toBe('DELETE');
  });
});

describe('CloudApiClient markRead', () => {
  it('adds typing_indicator only when asked', async () => {
    const { client, calls } = makeClient(() => Response.json({ success: true }));
    await client.markRead('123', 'wamid.IN', { typing: true });
    await client.markRead('123', 'wamid.IN', { typing: false });
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual({
      messaging_product: 'whatsapp',
      status: 'read',
      message_id: 'wamid.IN',
      typing_indicator: { type: 'text' },
    });
    expect(JSON.parse(String(calls[1]?.init.body)).typing_indicator).toBeUndefined();
  });
});
