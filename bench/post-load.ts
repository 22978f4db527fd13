/**
 * Signed webhook POSTs at a fixed number of keep-alive connections, each connection posting its
 * next body as soon as the last was answered: what Meta's delivery looks like under load, and the
 * same client for Charla and for the bare endpoint it is compared with.
 */
import http from 'node:http';
import { percentile, round } from './util';

export interface PostRun {
  /** Seconds from the first POST to the last answer. */
  seconds: number;
  answered: number;
  non200: number;
  /** First few refusals, for the log. */
  failures: string[];
  latency: { p50: number; p99: number; max: number };
}

export async function postAll(opts: {
  port: number;
  path: string;
  bodies: Buffer[];
  signatures: string[];
  connections: number;
}): Promise<PostRun> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.connections });
  const failures: string[] = [];
  const latencies = new Float64Array(opts.bodies.length);
  const post = (i: number) =>
    postSigned({ agent, port: opts.port, path: opts.path }, opts.bodies[i]!, opts.signatures[i]!, failures);
  let next = 0;
  let non200 = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(opts.connections, opts.bodies.length) }, async () => {
      while (next < opts.bodies.length) {
        const i = next++;
        const t0 = performance.now();
        if ((await post(i)) !== 200) non200++;
        latencies[i] = performance.now() - t0;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  const sorted = Array.from(latencies).sort((a, b) => a - b);
  return {
    seconds,
    answered: opts.bodies.length,
    non200,
    failures,
    latency: {
      p50: round(percentile(sorted, 50), 2),
      p99: round(percentile(sorted, 99), 2),
      max: round(sorted.at(-1) ?? 0, 2),
    },
  };
}

/**
 * One signed POST on a keep-alive agent; answers the status (0 when the connection failed) and
 * notes the first few refusals in `failures`.
 */
export function postSigned(
  to: { agent: http.Agent; port: number; path: string },
  body: Buffer,
  signature: string,
  failures: string[],
): Promise<number> {
  return new Promise<number>((resolve) => {
    const req = http.request(
      {
        agent: to.agent,
        host: '127.0.0.1',
        port: to.port,
        method: 'POST',
        path: to.path,
        headers: {
          'content-type': 'application/json',
          'content-length': body.length,
          'x-hub-signature-256': signature,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          if (res.statusCode !== 200 && failures.length < 5)
            failures.push(`${res.statusCode}: ${Buffer.concat(chunks).toString('utf8').slice(0, 300)}`);
          resolve(res.statusCode ?? 0);
        });
        res.on('error', () => resolve(0));
      },
    );
    req.on('error', (err) => {
      if (failures.length < 5) failures.push(`network: ${err.message}`);
      resolve(0);
    });
    req.end(body);
  });
}
