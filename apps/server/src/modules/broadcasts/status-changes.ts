import type { DeliveryUpdate } from '../inbox';
import type { BroadcastsDeps } from './broadcasts.deps';
import { publishBroadcast } from './publish-broadcast';
import { recipientOf } from './reconcile-statuses';

/** The first announcement waits this long, so the ingest batch that carried the statuses has committed. */
const SETTLE_MS = 1_000;
/** Counting takes at most 1/40 of the time (as live-counts.ts): a big broadcast is announced less often. */
const COUNT_SHARE = 40;

/**
 * Delivered, read and failed arrive from WhatsApp after the sender let go of a recipient (often
 * after the broadcast completed): nothing else announced them, so a page showed the rows
 * delivered and the counts still at 0. The ingest worker hands each batch's statuses here; the
 * broadcasts they touch are announced (`broadcast.updated`, full counts) once the batch settled,
 * at most once per second or so, fewer on a big broadcast whose count is dear.
 */
export class StatusChanges {
  private readonly recipients = new Set<number>();
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  /** No announcement before this (ms since epoch): the last count's cost times COUNT_SHARE. */
  private quietUntil = 0;

  constructor(private readonly deps: BroadcastsDeps) {}

  /** Called inside the ingest transaction: only remembers, the announcement comes after. */
  saw(statuses: DeliveryUpdate[]): void {
    for (const s of statuses) {
      const id = recipientOf(s);
      if (id !== null) this.recipients.add(id);
    }
    if (this.recipients.size > 0) this.schedule(SETTLE_MS);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(ms: number) {
    if (this.timer || this.stopped) return;
    this.timer = setTimeout(() => void this.announce(), Math.max(ms, this.quietUntil - Date.now()));
    this.timer.unref?.();
  }

  private async announce() {
    const ids = [...this.recipients];
    this.recipients.clear();
    const started = Date.now();
    try {
      const touched = await this.deps.db.query<{ broadcast_id: string; workspace_id: string }>(
        'SELECT DISTINCT broadcast_id, workspace_id FROM broadcast_recipients WHERE id = ANY($1::bigint[])',
        [ids],
      );
      for (const b of touched) await publishBroadcast(this.deps, b.workspace_id, b.broadcast_id);
    } catch (err) {
      this.deps.log.warn({ err }, 'announcing broadcast status changes failed');
    } finally {
      this.timer = null;
      this.quietUntil = started + (Date.now() - started) * COUNT_SHARE;
      if (this.recipients.size > 0) this.schedule(SETTLE_MS);
    }
  }
}
