import { readFileSync } from 'node:fs';
import type { Message, Thread } from '@charla/contracts';
import type { TestApp } from './test-app';

/** Small files of each kind WhatsApp takes (the simulator checks type and size, not codecs). */
export const FILES = {
  png: { mimeType: 'image/png', bytes: Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex') },
  pdf: { mimeType: 'application/pdf', bytes: Buffer.from('%PDF-1.4\n%%EOF\n') },
  mp4: { mimeType: 'video/mp4', bytes: Buffer.from('000000186674797069736f6d', 'hex') },
  mp3: { mimeType: 'audio/mpeg', bytes: Buffer.from('ID3\x03\0fake-mp3') },
  webp: { mimeType: 'image/webp', bytes: Buffer.from('RIFF\x1a\0\0\0WEBPVP8 fake-webp-static') },
  webm: {
    mimeType: 'audio/webm;codecs=opus',
    bytes: readFileSync(new URL('../../src/platform/audio/fixtures/recording.webm', import.meta.url)),
  },
};

/** An upload's answer: the file (201) or the error (4xx); tests read the side they expect. */
export type UploadAnswer = {
  id: string;
  kind: string;
  mimeType: string;
  size: number;
  filename: string | null;
  error: { code: string; message: string };
};

/** The API as the browser uses it, with the owner's session. */
export function apiOf(t: TestApp) {
  const call = (method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: { cookie: t.cookie }, ...(payload ? { payload } : {}) });
  return {
    call,
    async thread(conversationId: string): Promise<Thread> {
      return (await call('GET', `/api/conversations/${conversationId}`)).json();
    },
    async message(conversationId: string, messageId: string): Promise<Message | undefined> {
      const thread: Thread = (await call('GET', `/api/conversations/${conversationId}`)).json();
      return thread.messages.find((m) => m.id === messageId);
    },
    /** Multipart over real HTTP, as a browser uploads. */
    async upload(conversationId: string, file: { mimeType: string; bytes: Uint8Array }, filename: string) {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.mimeType }), filename);
      const res = await fetch(`${t.baseUrl}/api/conversations/${conversationId}/media`, {
        method: 'POST',
        headers: { cookie: t.cookie },
        body: form,
      });
      return { status: res.status, body: (await res.json()) as UploadAnswer };
    },
    /** A file of one number, for rules, bots and sequences to send on it. */
    async uploadChannelFile(
      channelId: string,
      file: { mimeType: string; bytes: Uint8Array },
      filename: string,
    ) {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.mimeType }), filename);
      const res = await fetch(`${t.baseUrl}/api/channels/${channelId}/media`, {
        method: 'POST',
        headers: { cookie: t.cookie },
        body: form,
      });
      return { status: res.status, body: (await res.json()) as UploadAnswer };
    },
    /** A file of the workspace (a template header's sample, a broadcast's header), checked as `kind`. */
    async uploadWorkspaceFile(
      kind: 'image' | 'video' | 'document',
      file: { mimeType: string; bytes: Uint8Array },
      filename: string,
    ) {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.mimeType }), filename);
      const res = await fetch(`${t.baseUrl}/api/media?kind=${kind}`, {
        method: 'POST',
        headers: { cookie: t.cookie },
        body: form,
      });
      return { status: res.status, body: (await res.json()) as UploadAnswer };
    },
  };
}

/** A customer writes (the 24-hour window opens); resolves to their conversation's id. */
export async function openConversation(
  t: TestApp,
  waId: string,
  text = 'Hola',
): Promise<{ id: string; wamid: string }> {
  const { wamid } = t.simulator.sendAsCustomer({
    phoneNumberId: t.sandbox.phoneNumberId,
    waId,
    name: 'Ana',
    text,
  });
  const api = apiOf(t);
  const id = await t.waitFor(async () => {
    const list = (await api.call('GET', '/api/conversations')).json();
    const conv = list.items.find((c: { contact: { waId: string } }) => c.contact.waId === waId);
    return conv && (await api.thread(conv.id)).messages.some((m) => m.direction === 'inbound') && conv.id;
  }, 'the conversation');
  return { id, wamid };
}

/** Records every Graph call the sending gateway makes, and can lose the answer to some. */
export function createGraphSpy() {
  const calls: { method: string; url: string; body: string | null }[] = [];
  let loseAnswerWhen: ((body: string) => boolean) | null = null;
  const graphFetch: typeof fetch = async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    const body = typeof init?.body === 'string' ? init.body : null;
    calls.push({ method: init?.method ?? 'GET', url, body });
    const response = await fetch(input, init);
    if (body !== null && loseAnswerWhen?.(body)) {
      // The request reached "Meta" (it answered); Charla never sees the answer.
      await response.arrayBuffer();
      throw new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    }
    return response;
  };
  return {
    calls,
    graphFetch,
    loseAnswerWhen(predicate: ((body: string) => boolean) | null) {
      loseAnswerWhen = predicate;
    },
  };
}
