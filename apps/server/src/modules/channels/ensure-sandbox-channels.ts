import { randomBytes, randomInt } from 'node:crypto';
import type { ChannelDirectory } from './channel-directory';
import type { ChannelsDeps } from './channels.deps';
import { saveChannel } from './save-channel';

export interface SandboxOptions {
  /** Where the simulator listens (its Graph API and admin API), or null when it is off. */
  simulatorUrl: string | null;
  /** Where the simulator posts webhooks: this server's /webhooks/whatsapp. */
  webhookUrl: string;
  graphVersion: string;
}

/**
 * Every workspace gets a sandbox number backed by the simulator, so a newcomer can chat
 * without a Meta account. Runs at start and after setup; registering with the simulator is
 * idempotent and also heals a simulator that restarted or moved port.
 */
export async function ensureSandboxChannels(
  deps: ChannelsDeps & { directory: ChannelDirectory },
  opts: SandboxOptions,
  fetchImpl: typeof fetch = fetch,
): Promise<void> {
  if (!opts.simulatorUrl) return;
  const missing = await deps.db.query<{ id: string }>(
    `SELECT w.id FROM workspaces w WHERE NOT EXISTS (SELECT 1 FROM channels c WHERE c.workspace_id = w.id AND c.kind = 'sandbox')`,
  );
  for (const w of missing) {
    const suffix = String(randomInt(100, 999));
    await saveChannel(deps, {
      workspaceId: w.id,
      kind: 'sandbox',
      name: 'Sandbox',
      phoneNumberId: `1${String(randomInt(1e9, 1e10 - 1))}${String(randomInt(1e4, 1e5 - 1))}`,
      displayPhoneNumber: `+1 555 010 0${suffix}`,
      wabaId: String(randomInt(1e9, 1e10 - 1)),
      graphBaseUrl: opts.simulatorUrl,
      graphVersion: opts.graphVersion,
      accessToken: `SANDBOX${randomBytes(24).toString('base64url')}`,
      appSecret: randomBytes(16).toString('hex'),
      verifyToken: randomBytes(12).toString('hex'),
    });
  }
  await deps.db.query(`UPDATE channels SET graph_base_url = $1, graph_version = $2 WHERE kind = 'sandbox'`, [
    opts.simulatorUrl,
    opts.graphVersion,
  ]);
  deps.directory.invalidate();
  for (const c of (await deps.directory.all()).filter((c) => c.kind === 'sandbox')) {
    const res = await fetchImpl(`${opts.simulatorUrl}/_sim/numbers/${c.phoneNumberId}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        displayPhoneNumber: c.displayPhoneNumber.replace(/\D/g, ''),
        wabaId: c.wabaId,
        accessToken: c.accessToken,
        appSecret: c.appSecret,
        webhookUrl: opts.webhookUrl,
        verifiedName: 'Charla Sandbox',
      }),
    });
    if (!res.ok)
      throw new Error(
        `The simulator refused sandbox number ${c.phoneNumberId}: ${res.status} ${await res.text()}`,
      );
  }
}
