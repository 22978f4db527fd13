import type { WebhookError } from '@charla/cloud-api';
import type { ResolvedBehaviour } from './number-behaviour';
import type { BusinessStatus, SimMessage } from './sandbox-state';
import type { Scheduler } from './scheduler';

export type EmittedStatus = 'sent' | 'delivered' | 'read' | 'played' | 'failed';
type ProgressStatus = 'sent' | 'delivered' | 'read';

const ORDER: Record<BusinessStatus, number> = {
  accepted: 0,
  sent: 1,
  delivered: 2,
  read: 3,
  played: 4,
  failed: 5,
};
const STEPS: ProgressStatus[] = ['sent', 'delivered', 'read'];

type LifecycleDeps = {
  scheduler: Scheduler;
  /** Called once per status webhook to emit, after the message's status was updated. */
  onStatus: (message: SimMessage, status: EmittedStatus, errors?: WebhookError[]) => void;
};

/**
 * Moves accepted business messages through sent -> delivered -> read (-> played) (§8.5) in the
 * number's status mode. Status only moves forward and each step is emitted at most once, so a
 * timer firing late or a second read is a no-op.
 */
export class StatusLifecycle {
  private readonly deps: LifecycleDeps;

  constructor(deps: LifecycleDeps) {
    this.deps = deps;
  }

  start(message: SimMessage, behaviour: ResolvedBehaviour): void {
    const { scheduler } = this.deps;
    const { delaysMs, autoReadMs } = behaviour;
    message.statusMode = behaviour.statusMode;
    scheduler.schedule(delaysMs.sent, () => {
      if (message.status !== 'accepted') return;
      // Reactions only ever report `sent` (§2.7); a dropped message never gets further.
      if (message.type === 'reaction' || message.statusMode === 'drop') {
        this.advance(message, 'sent');
        return;
      }
      if (message.statusMode === 'out-of-order') {
        message.status = 'delivered';
        this.deps.onStatus(message, 'delivered');
        this.deps.onStatus(message, 'sent');
      } else {
        this.advance(message, 'sent');
      }
      scheduler.schedule(Math.max(0, delaysMs.delivered - delaysMs.sent), () => {
        this.advance(message, 'delivered');
        if (autoReadMs !== null) scheduler.schedule(autoReadMs, () => this.advance(message, 'read'));
      });
    });
  }

  /** Accepted with 200, then reported as failed (§8.6, §8.12, §8.13, §8.15). */
  fail(message: SimMessage, error: WebhookError, delayMs: number): void {
    this.deps.scheduler.schedule(delayMs, () => {
      if (message.status !== 'accepted') return;
      message.status = 'failed';
      this.deps.onStatus(message, 'failed', [error]);
    });
  }

  /** Emits every missing step up to `target` in order; returns whether anything changed. */
  advance(message: SimMessage, target: ProgressStatus): boolean {
    if (message.from !== 'business' || message.status === 'received') return false;
    const isReaction = message.type === 'reaction';
    const isDropped = message.statusMode === 'drop';
    if ((isReaction || isDropped) && target !== 'sent') return false;
    let changed = false;
    for (const step of STEPS) {
      if (ORDER[step] > ORDER[target]) break;
      if (ORDER[message.status] >= ORDER[step]) continue;
      message.status = step;
      changed = true;
      // skip-delivered: the phone has it, but Meta never says so (read arrives without delivered).
      if (step === 'delivered' && message.statusMode === 'skip-delivered') continue;
      this.deps.onStatus(message, step);
    }
    return changed;
  }

  /** The customer played a voice note: read first if needed, then `played` once (§2.4). */
  play(message: SimMessage): boolean {
    if (message.status === 'failed' || message.status === 'accepted' || message.status === 'played')
      return false;
    if (message.statusMode === 'drop') return false;
    this.advance(message, 'read');
    message.status = 'played';
    this.deps.onStatus(message, 'played');
    return true;
  }
}
