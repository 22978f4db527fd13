import { createWokenWorker } from '../../../platform/woken-worker';
import type { AutomationEngineDeps } from '../automation.deps';
import { nextDueAt, runDueAutomation } from './run-automation';

/** A row due now but not taken is another process's: look again shortly, do not spin. */
const MIN_WAIT_MS = 25;

/**
 * Runs the rules and bots as customers write: the ingest wakes it the moment a batch with
 * messages for automation commits, and it keeps draining while work remains. Between bursts it
 * sleeps until the next timer falls due ("no reply for 5 minutes", a bot's wait), or `pollMs`
 * at most, for rows another process wrote.
 */
export function createAutomationWorker(
  deps: AutomationEngineDeps,
  opts: { batchSize?: number; pollMs?: number } = {},
) {
  const batchSize = opts.batchSize ?? 200;
  const pollMs = opts.pollMs ?? 1000;
  return createWokenWorker({
    drain: async () => {
      const result = await runDueAutomation(deps, batchSize);
      if (result.channelIds.length > 0) deps.outbox.wake(result.channelIds);
      if (result.changes.length > 0) await deps.notify(result.changes);
      // Timers and retries come due one after another: take the next batch at once.
      return { taken: result.taken, full: result.taken > 0 };
    },
    idleWaitMs: async () => {
      const due = await nextDueAt(deps.db.query);
      return due
        ? Math.max(MIN_WAIT_MS, Math.min(pollMs, due.getTime() - deps.clock.now().getTime()))
        : pollMs;
    },
    onError: (err) => deps.log.error({ err }, 'automation worker error'),
  });
}

export type AutomationWorker = ReturnType<typeof createAutomationWorker>;
