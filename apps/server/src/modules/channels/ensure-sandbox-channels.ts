import type { ChannelDirectory } from './channel-directory';
import type { ChannelsDeps } from './channels.deps';
import { newSandboxNumber, registerWithSimulator, type SandboxOptions } from './create-sandbox-channel';
import { saveChannel } from './save-channel';

export type { SandboxOptions } from './create-sandbox-channel';

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
  const { simulatorUrl } = opts;
  if (!simulatorUrl) return;
  const missing = await deps.db.query<{ id: string }>(
    `SELECT w.id FROM workspaces w WHERE NOT EXISTS (SELECT 1 FROM channels c WHERE c.workspace_id = w.id AND c.kind = 'sandbox')`,
  );
  for (const w of missing) {
    await saveChannel(deps, newSandboxNumber(w.id, 'Sandbox', simulatorUrl, opts.graphVersion));
  }
  await deps.db.query(`UPDATE channels SET graph_base_url = $1, graph_version = $2 WHERE kind = 'sandbox'`, [
    simulatorUrl,
    opts.graphVersion,
  ]);
  deps.directory.invalidate();
  for (const c of (await deps.directory.all()).filter((c) => c.kind === 'sandbox')) {
    await registerWithSimulator(c, { simulatorUrl, webhookUrl: opts.webhookUrl }, fetchImpl);
  }
}
