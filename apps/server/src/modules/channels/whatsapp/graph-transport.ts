import type { GraphTransport } from '@charla/cloud-api';
import { Agent, request } from 'undici';

/**
 * One keep-alive connection pool per process for Graph calls. undici's `request` costs about
 * half of what `fetch` does per call (no WHATWG Request/Response/Headers objects, no abort
 * signal with its timer): a broadcast sending thousands a second spent a third of Charla's CPU
 * inside fetch (bench/broadcast.ts --profile). Up to 512 connections: the broadcast sender
 * keeps up to that many requests in flight.
 */
const pool = new Agent({ keepAliveTimeout: 30_000, connections: 512 });

export const graphTransport: GraphTransport = async ({ method, url, headers, body, timeoutMs }) => {
  const response = await request(url, {
    method,
    headers,
    ...(body !== undefined && { body }),
    dispatcher: pool,
    // No answer, or an answer that stalls, within the timeout: undici's HeadersTimeout/BodyTimeout
    // errors, which the client reports as "may have reached Meta".
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
  return { status: response.statusCode, text: await response.body.text() };
};
