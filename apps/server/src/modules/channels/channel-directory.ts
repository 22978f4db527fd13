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
  status: 'connected' | 'error' | 'disconnected';
  lastError: string | null;
}

/**
 * Every channel with its secrets decrypted, kept in memory: the webhook route checks
 * signatures against it on every request. Reloaded after a change here, when another process
 * announces a change (`channels.changed` on the event bus, see container.ts), and every few
 * seconds at the latest.
 *
 * A disconnected number is known only to `listed()` (Settings and the inbox show it with its
 * history): for everything else (`all`, `byId`, `byPhoneNumberId`: webhooks, sending, templates,
 * media) it does not exist, exactly like a number never connected.
 */
export interface ChannelDirectory {
  /** The numbers that may send and receive (not disconnected). */
  all(): Promise<ChannelRecord[]>;
  byId(id: string): Promise<ChannelRecord | undefined>;
  byPhoneNumberId(phoneNumberId: string): Promise<ChannelRecord | undefined>;
  /** Every number, disconnected ones too (their secrets empty), for showing them. */
  listed(): Promise<ChannelRecord[]>;
  invalidate(): void;
}

const MAX_AGE_MS = 5_000;

export function createChannelDirectory(deps: ChannelsDeps): ChannelDirectory {
  let cache: { at: number; list: ChannelRecord[]; live: ChannelRecord[] } | null = null;
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
      // Wiped (empty) once the number is disconnected.
      accessToken: r.access_token_enc ? deps.secrets.decrypt(r.access_token_enc) : '',
      appSecret: r.app_secret_enc ? deps.secrets.decrypt(r.app_secret_enc) : '',
      verifyToken: deps.secrets.decrypt(r.verify_token_enc!),
      status: r.status as ChannelRecord['status'],
      lastError: r.last_error ?? null,
    }));
  }

  async function current() {
    if (cache && Date.now() - cache.at < MAX_AGE_MS) return cache;
    loading ??= load().finally(() => {
      loading = null;
    });
    const list = await loading;
    cache = { at: Date.now(), list, live: list.filter((c) => c.status !== 'disconnected') };
    return cache;
  }
  const all = async () => (await current()).live;

  return {
    all,
    listed: async () => (await current()).list,
    byId: async (id) => (await all()).find((c) => c.id === id),
    byPhoneNumberId: async (pid) => (await all()).find((c) => c.phoneNumberId === pid),
    invalidate() {
      cache = null;
    },
  };
}
