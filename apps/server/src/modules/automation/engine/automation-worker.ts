import type { AutomationEngineDeps } from '../automation.deps';
import { nextDueAt, runDueAutomation } from './run-automation';

/**
 * Runs the rules as customers write: the ingest wakes it the moment a batch with messages for
 * automation commits, and it keeps draining while work remains. Between bursts it sleeps until
 * the next timer falls due ("no reply for 5 minutes"), or `pollMs` at most, for rows another
 * process wrote.
 */
const MIN_WAIT_MS = 25;

export function createAutomationWorker(
  deps: AutomationEngineDeps,
  opts: { batchSize?: number; pollMs?: number } = {},
) {
  const batchSize = opts.batchSize ?? 200;
  const pollMs = opts.pollMs ?? 1000;
  let running = false;
  let pending = false;
  let wake: (() => void) | null = null;
  let loop: Promise<void> | null = null;

  async function run() {
    while (running) {
      pending = false;
      let taken = 0;
      try {
        const result = await runDueAutomation(deps, batchSize);
        taken = result.taken;
        if (result.channelIds.length > 0) deps.outbox.wake(result.channelIds);
        if (result.changes.length > 0) await deps.notify(result.changes);
      } catch (err) {
        deps.log.error({ err }, 'automation worker error');
      }
      if (taken > 0 || pending) continue;
      const due = await nextDueAt(deps.db.query).catch(() => null);
      // A row due now but not taken is another process's: look again shortly, do not spin.
      const wait = due
        ? Math.max(MIN_WAIT_MS, Math.min(pollMs, due.getTime() - deps.clock.now().getTime()))
        : pollMs;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      loop = run();
    },
    wake() {
      pending = true;
      wake?.();
    },
    async stop() {
      running = false;
      wake?.();
      await loop;
    },
  };
}

export type AutomationWorker = ReturnType<typeof createAutomationWorker>;
