import { signWebhookBody } from '@charla/cloud-api';

const MAX_KEPT_ATTEMPTS = 100_000;

export type WebhookTarget = { url: string; appSecret: string };

export type WebhookDeliveryAttempt = {
  at: string;
  url: string;
  attempt: number;
  /** HTTP status of the receiver's answer; null when it could not be reached. */
  status: number | null;
  error: string | null;
  body: string;
};

type DispatcherOptions = {
  retryDelaysMs: number[];
  timeoutMs: number;
  onAttempt?: (attempt: WebhookDeliveryAttempt) => void;
};

/**
 * Delivers signed webhook POSTs like Meta: anything but a 200 is retried on a (compressed) backoff,
 * so a slow or failing receiver sees duplicates. A dead receiver never throws into the simulator.
 */
export class WebhookDispatcher {
  private readonly options: DispatcherOptions;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly controllers = new Set<AbortController>();
  // First attempts to one URL go out in emission order (sent before delivered); retries do not wait.
  private readonly chains = new Map<string, Promise<void>>();
  private closed = false;
  readonly attempts: WebhookDeliveryAttempt[] = [];

  constructor(options: DispatcherOptions) {
    this.options = options;
  }

  /** `resolveTarget` is read at every attempt so fixing a number's webhook URL rescues pending retries. */
  dispatch(resolveTarget: () => WebhookTarget | null, payload: unknown): void {
    if (this.closed) return;
    const body = JSON.stringify(payload);
    const firstUrl = resolveTarget()?.url ?? '';
    const previous = this.chains.get(firstUrl) ?? Promise.resolve();
    const next = previous.then(() => this.attempt(resolveTarget, body, 1));
    this.chains.set(firstUrl, next);
    void next.finally(() => {
      if (this.chains.get(firstUrl) === next) this.chains.delete(firstUrl);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const controller of this.controllers) controller.abort();
    await Promise.allSettled([...this.chains.values()]);
  }

  private async attempt(
    resolveTarget: () => WebhookTarget | null,
    body: string,
    attempt: number,
  ): Promise<void> {
    const target = resolveTarget();
    if (this.closed || target === null) return;
    const { status, error } = await this.post(target, body);
    const record = { at: new Date().toISOString(), url: target.url, attempt, status, error, body };
    this.attempts.push(record);
    // A 100,000-message broadcast makes ~300,000 POSTs: keep the newest ones so memory stays bounded.
    if (this.attempts.length > MAX_KEPT_ATTEMPTS + 10_000) this.attempts.splice(0, 10_000);
    this.options.onAttempt?.(record);
    if (status === 200) return;
    const delay = this.options.retryDelaysMs[attempt - 1];
    if (delay === undefined || this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.attempt(resolveTarget, body, attempt + 1);
    }, delay);
    this.timers.add(timer);
  }

  private async post(
    target: WebhookTarget,
    body: string,
  ): Promise<{ status: number | null; error: string | null }> {
    const controller = new AbortController();
    this.controllers.add(controller);
    const timer = setTimeout(() => controller.abort(), this.options.timeoutMs);
    try {
      const response = await fetch(target.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-hub-signature-256': signWebhookBody(body, target.appSecret),
          'user-agent': 'facebookexternalua',
        },
        body,
        signal: controller.signal,
      });
      // Drain the body so the connection is released.
      await response.arrayBuffer().catch(() => undefined);
      return { status: response.status, error: null };
    } catch (error) {
      return { status: null, error: error instanceof Error ? describeFetchError(error) : String(error) };
    } finally {
      clearTimeout(timer);
      this.controllers.delete(controller);
    }
  }
}

function describeFetchError(error: Error): string {
  const cause = error.cause as { code?: string; message?: string } | undefined;
  return cause?.code ?? cause?.message ?? error.message;
}
