import type { AutomationEngineDeps } from './automation.deps';
import { createAutomationWorker as createEngineWorker } from './engine/automation-worker';
import { createSequenceWorker } from './sequences/sequence-worker';

/**
 * Automation's workers as one: the rules and bots (engine/) and the drip sequences' steps, each
 * its own loop with its own timers, started, woken and stopped together.
 */
export function createAutomationWorker(
  deps: AutomationEngineDeps,
  opts: { batchSize?: number; pollMs?: number } = {},
) {
  const engine = createEngineWorker(deps, opts);
  const sequences = createSequenceWorker(deps, opts);
  return {
    start() {
      engine.start();
      sequences.start();
    },
    wake() {
      engine.wake();
      sequences.wake();
    },
    async stop() {
      await Promise.all([engine.stop(), sequences.stop()]);
    },
  };
}

export type AutomationWorker = ReturnType<typeof createAutomationWorker>;
