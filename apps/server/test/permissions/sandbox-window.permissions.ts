import { customerWrites } from '../harness/members';
import type { PermissionSpec } from './permission-spec';

/**
 * The sandbox's "close the 24-hour window now" (modules/inbox): whoever sees the conversation.
 * It runs on a conversation of its own, so the shared one keeps its open window for other rows.
 */
export const spec: PermissionSpec = {
  prepare: async ({ t }) => ({ sandboxConversationId: await customerWrites(t, '5215511119001', 'Hola') }),
  rows: [
    [
      'POST',
      ({ sandboxConversationId }) => `/api/conversations/${sandboxConversationId}/close-window`,
      undefined,
      200,
      200,
      403,
      404,
    ],
  ],
};
