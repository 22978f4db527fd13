import { collectDefaultMetrics, Registry } from 'prom-client';

export type MetricsRegistry = Registry;

/**
 * The Prometheus registry served at `/metrics`: the process's own metrics (memory, event loop,
 * GC), and whatever the modules register on it. One per container, never prom-client's global
 * one, so two apps in one process (tests) do not share counters.
 */
export function createMetricsRegistry(): MetricsRegistry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}
