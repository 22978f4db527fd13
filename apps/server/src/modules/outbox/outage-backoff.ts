import type { SendOutcome } from './send-outcome';

/** WhatsApp's code when one customer got too many messages too fast: about them, not the number. */
const PAIR_RATE_CODE = 131056;

/** What one send's outcome says about WhatsApp as a whole. */
export type OutageSignal =
  /** WhatsApp answered (a message id, or an error about this message or this customer). */
  | 'answered'
  /** WhatsApp failed in a way that would fail anyone: down, overloaded, unreachable, no answer. */
  | 'failing';

export function outageSignal(outcome: SendOutcome): OutageSignal {
  if (outcome.kind === 'in_doubt') return 'failing';
  if (outcome.kind === 'retry' && outcome.code !== PAIR_RATE_CODE) return 'failing';
  return 'answered';
}

export type OutageState = { code: number | null; reason: string; since: Date; retryAt: Date };

/** How a send was let through: as usual, or as the one probe of a stopped sender. */
export type Admission = 'normal' | 'probe';

type Options = {
  /** Consecutive failing sends that stop the sender. */
  trips: number;
  firstDelayMs: number;
  maxDelayMs: number;
};

const DEFAULTS: Options = { trips: 5, firstDelayMs: 2_000, maxDelayMs: 60_000 };

/**
 * When WhatsApp itself fails, every send fails alike: sending on at the number's pace would
 * spend each recipient's few attempts within seconds and hammer an API that is down. After
 * `trips` failing sends in a row the sender stops; after a delay one send goes out as a probe
 * (2 s, then doubling up to a minute while it keeps failing), and the first answer from
 * WhatsApp lets everyone go again. A send that fails while stopped costs its recipient no
 * attempt: it said nothing about them.
 */
export class OutageBackoff {
  private failing = 0;
  private state: OutageState | null = null;
  private delayMs = 0;
  private probing = false;
  /** One timer shared by every waiting send (hundreds may wait). */
  private ticking: Promise<void> | null = null;

  constructor(
    private readonly now: () => Date,
    private readonly options: Options = DEFAULTS,
  ) {}

  /** Null while sending normally. */
  get current(): OutageState | null {
    return this.state;
  }

  /**
   * Before a send leaves: how it may go (as usual, or as the probe), or null once `isHalted`
   * says to give up. Waits while the sender is stopped.
   */
  async admit(isHalted: () => boolean): Promise<Admission | null> {
    for (;;) {
      if (isHalted()) return null;
      if (!this.state) return 'normal';
      if (!this.probing && this.now().getTime() >= this.state.retryAt.getTime()) {
        this.probing = true;
        return 'probe';
      }
      await this.tick();
    }
  }

  /** A send let through as usual that should not leave now after all: the sender has stopped. */
  isStopped(): boolean {
    return this.state !== null;
  }

  /** The probe did not leave after all (paused, lease lost): another send may probe. */
  probeNotSent(): void {
    this.probing = false;
  }

  private tick(): Promise<void> {
    this.ticking ??= new Promise((resolve) =>
      setTimeout(() => {
        this.ticking = null;
        resolve();
      }, 100),
    );
    return this.ticking;
  }

  /**
   * Records one send's outcome. `counts` is false when the recipient should get the attempt
   * back; `changed` when the outage started, moved its retry time or ended (to show it).
   */
  record(outcome: SendOutcome): { counts: boolean; changed: boolean } {
    if (outageSignal(outcome) === 'answered') {
      this.failing = 0;
      const changed = this.state !== null;
      this.state = null;
      this.delayMs = 0;
      this.probing = false;
      return { counts: true, changed };
    }
    this.failing++;
    const code = outcome.kind === 'retry' || outcome.kind === 'failed' ? outcome.code : null;
    const reason =
      outcome.kind === 'retry' || outcome.kind === 'failed'
        ? outcome.reason
        : 'WhatsApp did not answer in time.';
    if (this.state) {
      // Still down: only the probe's failure pushes the next try back; the others were in flight.
      if (!this.probing) return { counts: false, changed: false };
      this.probing = false;
      this.delayMs = Math.min(this.options.maxDelayMs, this.delayMs * 2);
      this.state = { ...this.state, code, reason, retryAt: this.after(this.delayMs) };
      return { counts: false, changed: true };
    }
    if (this.failing < this.options.trips) return { counts: true, changed: false };
    this.delayMs = this.options.firstDelayMs;
    this.state = { code, reason, since: this.now(), retryAt: this.after(this.delayMs) };
    return { counts: false, changed: true };
  }

  private after(ms: number): Date {
    return new Date(this.now().getTime() + ms);
  }
}
