import type { ChannelsDeps } from './channels.deps';

export interface ChannelRecord {
  id: string;
  workspaceId: string;
  kind: 'sandbox' | 'cloud';
  name: string;
  phoneNumberId: string;
  displayPhoneNumber: string;
  wabaId: string;
  graphBaseUrl: string;
  graphVersion: string;
  accessToken: string;
  appSecret: string;
  verifyToken: string;
  status: 'connected' | 'error';
  lastError: string | null;
}

/**
 * Every channel with its secrets decrypted, kept in memory: the webhook route checks
 * signatures against it on every request. Reloaded after a change here and every few
 * seconds, so a channel connected through another process is picked up.
 */
export interface ChannelDirectory {
  all(): Promise<ChannelRecord[]>;
  byId(id: string): Promise<ChannelRecord | undefined>;
  byPhoneNumberId(phoneNumberId: string): Promise<ChannelRecord | undefined>;
  invalidate(): void;
}

const MAX_AGE_MS = 5_000;

export function createChannelDirectory(deps: ChannelsDeps): ChannelDirectory {
  let cache: { at: number; list: ChannelRecord[] } | null = null;
  let loading: Promise<ChannelRecord[]> | null = null;

  async function load(): Promise<ChannelRecord[]> {
    const rows = await deps.db.query<Record<string, string>>(
      `SELECT id, workspace_id, kind, name, external_id, display_phone_number, waba_id, graph_base_url, graph_version,
              access_token_enc, app_secret_enc, verify_token_enc, status, last_error FROM channels ORDER BY created_at`,
    );
    return rows.map((r) => ({
      id: r.id!,
      workspaceId: r.workspace_id!,
      kind: r.kind as ChannelRecord['kind'],
      name: r.name!,
      phoneNumberId: r.external_id!,
      displayPhoneNumber: r.display_phone_number!,
      wabaId: r.waba_id!,
      graphBaseUrl: r.graph_base_url!,
      graphVersion: r.graph_version!,
      accessToken: deps.secrets.decrypt(r.access_token_enc!),
      appSecret: deps.secrets.decrypt(r.app_secret_enc!),
      verifyToken: deps.secrets.decrypt(r.verify_token_enc!),
      status: r.status as ChannelRecord['status'],
      lastError: r.last_error ?? null,
    }));
  }

  async function all(): Promise<ChannelRecord[]> {
    if (cache && Date.now() - cache.at < MAX_AGE_MS) return cache.list;
    loading ??= load().finally(() => {
      loading = null;
    });
    const list = await loading;
    cache = { at: Date.now(), list };
    return list;
  }

  return {
    all,
    byId: async (id) => (await all()).find((c) => c.id === id),
    byPhoneNumberId: async (pid) => (await all()).find((c) => c.phoneNumberId === pid),
    invalidate() {
      cache = null;
    },
  };
}
