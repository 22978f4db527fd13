import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ReceivedWebhook = { headers: IncomingHttpHeaders; rawBody: string; json: unknown };

/**
 * A tiny local webhook endpoint for tests. `respondWith` lists the status codes of the next
 * answers (then 200), so a test can make the first delivery fail and watch Meta-style retries.
 */
export async function startWebhookReceiver(respondWith: number[] = []) {
  const received: ReceivedWebhook[] = [];
  const waiters = new Set<() => void>();
  const statuses = [...respondWith];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      received.push({ headers: request.headers, rawBody, json: JSON.parse(rawBody) });
      response.statusCode = statuses.shift() ?? 200;
      response.end();
      for (const wake of waiters) wake();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/webhooks/whatsapp`,
    received,
    /** Resolves once `count` requests matching `predicate` arrived; rejects after `timeoutMs`. */
    waitFor(predicate: (webhook: ReceivedWebhook) => boolean, count = 1, timeoutMs = 3_000) {
      return new Promise<ReceivedWebhook[]>((resolve, reject) => {
        const check = () => {
          const matches = received.filter(predicate);
          if (matches.length < count) return;
          cleanup();
          resolve(matches);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(
            new Error(`waited ${timeoutMs} ms for ${count} webhook(s); got ${received.length} in total`),
          );
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type WebhookReceiver = Awaited<ReturnType<typeof startWebhookReceiver>>;

/** The `statuses[].status` values and message ids of a received webhook, for compact assertions. */
export function readStatuses(webhook: ReceivedWebhook): { id: string; status: string }[] {
  const body = webhook.json as {
    entry?: { changes?: { value?: { statuses?: { id: string; status: string }[] } }[] }[];
  };
  return body.entry?.flatMap((e) => e.changes?.flatMap((c) => c.value?.statuses ?? []) ?? []) ?? [];
}
