import type { Scheduler } from './scheduler';

type Envelope = { object: string; entry: { id: string; changes: unknown[] }[] };
type Pending = { payloads: Envelope[]; flush: (merged: Envelope) => void };

/**
 * §5.2/§8.16: Meta may put several updates in one POST. Collects one number's webhook payloads for
 * up to `windowMs` (or `maxUpdates` of them) and hands them on as a single envelope whose entry holds
 * every change, in order.
 */
export class WebhookBatcher {
  private readonly pending = new Map<string, Pending>();
  private readonly scheduler: Scheduler;

  constructor(scheduler: Scheduler) {
    this.scheduler = scheduler;
  }

  add(
    key: string,
    payload: Envelope,
    options: { maxUpdates: number; windowMs: number },
    flush: (merged: Envelope) => void,
  ): void {
    const existing = this.pending.get(key);
    const batch = existing ?? { payloads: [], flush };
    batch.payloads.push(payload);
    if (!existing) {
      this.pending.set(key, batch);
      this.scheduler.schedule(options.windowMs, () => this.flush(key, batch));
    }
    if (batch.payloads.length >= options.maxUpdates) this.flush(key, batch);
  }

  private flush(key: string, batch: Pending): void {
    if (this.pending.get(key) !== batch) return;
    this.pending.delete(key);
    const [first] = batch.payloads;
    if (!first) return;
    const changes = batch.payloads.flatMap((payload) => payload.entry.flatMap((entry) => entry.changes));
    batch.flush({ object: first.object, entry: [{ id: first.entry[0]?.id ?? '', changes }] });
  }
}
