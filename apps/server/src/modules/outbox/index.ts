export type { ChannelLane } from './channel-lane';
export { HOLDS_LEASE_SQL } from './channel-lease';
export type { EnqueueItem } from './enqueue';
export { type Admission, type OutageState, outageSignal } from './outage-backoff';
export type { OutboxConfig, OutboxDeps } from './outbox.deps';
export { createOutboxEngine, type OutboxEngine } from './outbox-engine';
export { outcomeOf, type SendOutcome } from './send-outcome';
export { SendPacer } from './send-pacer';
