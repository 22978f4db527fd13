import type { WebhookError } from '@charla/cloud-api';
import type { BusinessStatus, SimMessage } from './sandbox-state';
import type { Scheduler } from './scheduler';

type ProgressStatus = 'sent' | 'delivered' | 'read';

const ORDER: Record<BusinessStatus, number> = { accepted: 0, sent: 1, delivered: 2, read: 3, failed: 4 };
const STEPS: ProgressStatus[] = ['sent', 'delivered', 'read'];

type LifecycleDeps = {
  scheduler: Scheduler;
  delaysMs: { sent: number; delivered: number };
  autoReadMs: number | null;
  /** Called once per status change, after the message's status was updated. */
  onStatus: (message: SimMessage, status: ProgressStatus | 'failed', errors?: WebhookError[]) => void;
};

/**
 * Moves accepted business messages through sent -> delivered -> read (§8.5). Status only moves
 * forward and each step is emitted once, so a timer firing late or a second read is a no-op.
 */
export class StatusLifecycle {
  private readonly deps: LifecycleDeps;

  constructor(deps: LifecycleDeps) {
    this.deps = deps;
  }

  start(message: SimMessage): void {
    const { scheduler, delaysMs, autoReadMs } = this.deps;
    scheduler.schedule(delaysMs.sent, () => {
      this.advance(message, 'sent');
      scheduler.schedule(Math.max(0, delaysMs.delivered - delaysMs.sent), () => {
        this.advance(message, 'delivered');
        if (autoReadMs !== null) scheduler.schedule(autoReadMs, () => this.advance(message, 'read'));
      });
    });
  }

  /** Accepted with 200, then reported as failed, the way Meta reports 131047 (§8.6). */
  fail(message: SimMessage, error: WebhookError): void {
    this.deps.scheduler.schedule(this.deps.delaysMs.sent, () => {
      if (message.status !== 'accepted') return;
      message.status = 'failed';
      this.deps.onStatus(message, 'failed', [error]);
    });
  }

  /** Emits every missing step up to `target` in order; returns whether anything changed. */
  advance(message: SimMessage, target: ProgressStatus): boolean {
    if (message.from !== 'business' || message.status === 'received') return false;
    let changed = false;
    for (const step of STEPS) {
      if (ORDER[step] > ORDER[target]) break;
      if (ORDER[message.status] >= ORDER[step]) continue;
      message.status = step;
      this.deps.onStatus(message, step);
      changed = true;
    }
    return changed;
  }
}
