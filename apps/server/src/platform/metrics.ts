import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';

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

export interface GaugeReading {
  labels?: Record<string, string>;
  value: number;
}

/**
 * A gauge read from the database when Prometheus scrapes: a backlog or a lag of the whole
 * cluster (every process reports the same figure, from the shared tables). A failed read leaves
 * the gauge empty for that scrape; the next one tries again.
 */
export function registerDatabaseGauge(
  registry: MetricsRegistry,
  opts: { name: string; help: string; labelNames?: string[]; read: () => Promise<GaugeReading[]> },
): void {
  new Gauge({
    name: opts.name,
    help: opts.help,
    labelNames: opts.labelNames ?? [],
    registers: [registry],
    async collect() {
      this.reset();
      const readings = await opts.read().catch(() => []);
      for (const r of readings) {
        if (r.labels) this.set(r.labels, r.value);
        else this.set(r.value);
      }
    },
  });
}
