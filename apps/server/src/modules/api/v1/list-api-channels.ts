import type { ApiChannel } from '@charla/contracts';
import type { ApiCaller, ApiDeps } from '../api.deps';

/** GET /api/v1/channels: the workspace's numbers, whether each can send, and why not. */
export async function listApiChannels(deps: ApiDeps, caller: ApiCaller): Promise<ApiChannel[]> {
  const rows = await deps.db.query<{
    id: string;
    name: string;
    kind: 'sandbox' | 'cloud';
    display_phone_number: string;
    status: ApiChannel['status'];
    last_error: string | null;
  }>(
    `SELECT id, name, kind, display_phone_number, status, last_error FROM channels
      WHERE workspace_id = $1 ORDER BY created_at, id`,
    [caller.workspaceId],
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind,
    phone: `+${r.display_phone_number.replace(/\D/g, '')}`,
    status: r.status,
    lastError: r.last_error,
  }));
}
