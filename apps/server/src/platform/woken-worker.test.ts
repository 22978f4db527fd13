import { describe, expect, it } from 'vitest';
import { createWokenWorker } from './woken-worker';

/** A worker whose idle wait takes `lookupMs` to work out and then asks to sleep an hour. */
function slowLookupWorker(lookupMs: number) {
  const drains: number[] = [];
  let lookingUp: (() => void) | null = null;
  const worker = createWokenWorker({
    drain: async () => {
      drains.push(Date.now());
      return { taken: 0, full: false };
    },
    idleWaitMs: () =>
      new Promise<number>((resolve) => {
        lookingUp = () => resolve(3_600_000);
        setTimeout(lookingUp, lookupMs);
      }),
    onError: (err) => {
      throw err;
    },
  });
  const whileLookingUp = async () => {
    while (!lookingUp) await new Promise((r) => setTimeout(r, 1));
  };
  return { worker, drains, whileLookingUp };
}

describe('a woken worker', () => {
  it('drains again when woken while it works out how long to sleep', async () => {
    const { worker, drains, whileLookingUp } = slowLookupWorker(50);
    worker.start();
    await whileLookingUp();
    worker.wake();
    const deadline = Date.now() + 2_000;
    while (drains.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    expect(drains.length).toBeGreaterThanOrEqual(2);
    await worker.stop();
  });

  it('stops at once when stopped while it works out how long to sleep', async () => {
    const { worker, whileLookingUp } = slowLookupWorker(50);
    worker.start();
    await whileLookingUp();
    const stoppingAt = Date.now();
    await worker.stop();
    expect(Date.now() - stoppingAt).toBeLessThan(1_000);
  });
});
