import { createTxTopic } from '../../../platform/events/tx-topic';

/** A bot's run in a conversation ended (finished, handed off, timed out, stopped or moved on). */
export interface BotSessionEnded {
  workspaceId: string;
  sessionId: string;
}

/** Ended bot sessions, announced in the transaction that ends them (webhooks out: `flow.completed`). */
export const botSessionsEnded = createTxTopic<BotSessionEnded>();
