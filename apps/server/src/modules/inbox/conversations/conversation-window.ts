/** WhatsApp's customer service window: free-form messages only within 24 h of the customer's last message. */
export const WINDOW_MS = 24 * 60 * 60 * 1000;

export interface ConversationWindow {
  isOpen: boolean;
  expiresAt: Date | null;
}

export function getConversationWindow(lastInboundAt: Date | null, now: Date): ConversationWindow {
  if (!lastInboundAt) return { isOpen: false, expiresAt: null };
  const expiresAt = new Date(lastInboundAt.getTime() + WINDOW_MS);
  return { isOpen: now.getTime() < expiresAt.getTime(), expiresAt };
}
