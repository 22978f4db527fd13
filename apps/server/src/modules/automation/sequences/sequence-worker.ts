import { createWokenWorker } from '../../../platform/woken-worker';
import type { AutomationEngineDeps } from '../automation.deps';
import { nextSequenceDueAt, runDueSequences } from './run-sequences';

/** A step due now but not taken is another process's: look again shortly, do not spin. */
const MIN_WAIT_MS = 25;

/**
 * Sends the sequences' steps as they fall due: it sleeps until the next enrolment's `next_at`
 * (or `pollMs` at most, for enrolments another process wrote), is woken when contacts are
 * enrolled, and drains while batches come back full.
 */
export function createSequenceWorker(
  deps: AutomationEngineDeps,
  opts: { batchSize?: number; pollMs?: number } = {},
) {
  const batchSize = opts.batchSize ?? 200;
  const pollMs = opts.pollMs ?? 1000;
  return createWokenWorker({
    drain: async () => {
      const result = await runDueSequences(deps, batchSize);
      if (result.channelIds.length > 0) deps.outbox.wake(result.channelIds);
      if (result.changes.length > 0) await deps.notify(result.changes);
      return { taken: result.taken, full: result.taken >= batchSize };
    },
    idleWaitMs: async () => {
      const due = await nextSequenceDueAt(deps.db.query);
      return due
        ? Math.max(MIN_WAIT_MS, Math.min(pollMs, due.getTime() - deps.clock.now().getTime()))
        : pollMs;
    },
    onError: (err) => deps.log.error({ err }, 'sequence worker error'),
  });
}
