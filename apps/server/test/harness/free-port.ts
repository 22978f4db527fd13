import { createServer } from 'node:net';

/**
 * A loopback port nothing listens on, for a server a test starts later (a Charla process, its
 * simulator, nginx). Asking the kernel for "any port" hands out one of the ephemeral ports
 * (32768-60999 on Linux), which every outgoing connection also takes from: between the check and
 * the server's start, another file running beside this one could take it. So each Vitest worker
 * draws from its own block below that range, in turn, checking each port is free.
 */
const BLOCK = 1_000;
const FIRST = 20_000;
const worker = Number(process.env.VITEST_POOL_ID ?? process.env.VITEST_WORKER_ID ?? 1);
const start = FIRST + ((worker - 1) % 12) * BLOCK;
let next = start + Math.floor(Math.random() * BLOCK);

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

export async function freePort(): Promise<number> {
  for (let tries = 0; tries < BLOCK; tries++) {
    const port = next;
    next = start + ((next - start + 1) % BLOCK);
    if (await isFree(port)) return port;
  }
  throw new Error(`no free port in ${start}-${start + BLOCK - 1}`);
}
