import { createWokenWorker } from '../../../platform/woken-worker';
import type { AutomationEngineDeps } from '../automation.deps';
import { type AutomationRun, nextDueAt, runDueAutomation } from './run-automation';
import { nextHttpCallAt, runDueHttpCalls } from './run-http-calls';

/** A row due now but not taken is another process's: look again shortly, do not spin. */
const MIN_WAIT_MS = 25;

/**
 * Runs the rules and bots as customers write: the ingest wakes it the moment a batch with
 * messages for automation commits, and it keeps draining while work remains. Between bursts it
 * sleeps until the next timer falls due ("no reply for 5 minutes", a bot's wait), or `pollMs`
 * at most, for rows another process wrote. Bots' HTTP steps have a loop of their own, so a slow
 * endpoint never holds the customers' messages back.
 */
export function createAutomationWorker(
  deps: AutomationEngineDeps,
  opts: { batchSize?: number; pollMs?: number } = {},
) {
  const batchSize = opts.batchSize ?? 200;
  const pollMs = opts.pollMs ?? 1000;
  const untilDue = (due: Date | null) =>
    due ? Math.max(MIN_WAIT_MS, Math.min(pollMs, due.getTime() - deps.clock.now().getTime())) : pollMs;
  const http = createWokenWorker({
    drain: async () => {
      const result = await runDueHttpCalls(deps);
      announce(result);
      return { taken: result.taken, full: result.taken > 0 };
    },
    idleWaitMs: async () => untilDue(await nextHttpCallAt(deps)),
    onError: (err) => deps.log.error({ err }, 'automation HTTP worker error'),
  });
  const rules = createWokenWorker({
    drain: async () => {
      const result = await runDueAutomation(deps, batchSize);
      announce(result);
      // Timers and retries come due one after another: take the next batch at once.
      return { taken: result.taken, full: result.taken > 0 };
    },
    idleWaitMs: async () => untilDue(await nextDueAt(deps.db.query)),
    onError: (err) => deps.log.error({ err }, 'automation worker error'),
  });
  function announce(result: AutomationRun) {
    if (result.channelIds.length > 0) deps.outbox.wake(result.channelIds);
    if (result.httpQueued > 0) http.wake();
    if (result.changes.length > 0)
      void deps.notify(result.changes).catch((err) => deps.log.error({ err }, 'automation notify failed'));
    // Resolved by a rule, as by a person: the customer may be asked to rate the conversation. The
    // resolution is committed; a survey that cannot be asked is logged, never retried as the rule.
    for (const r of result.resolved ?? [])
      void deps
        .askForRating?.(r.workspaceId, r.conversationId)
        .catch((err) =>
          deps.log.error({ err, conversationId: r.conversationId }, 'asking for a rating failed'),
        );
  }
  return {
    start() {
      rules.start();
      http.start();
    },
    wake: () => rules.wake(),
    async stop() {
      await Promise.all([rules.stop(), http.stop()]);
    },
  };
}

export type AutomationWorker = ReturnType<typeof createAutomationWorker>;
