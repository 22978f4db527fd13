import { randomBytes, randomInt } from 'node:crypto';
import { AppError } from '../../platform/errors';
import { auditActor, recordAudit } from '../audit';
import type { ChannelDirectory, ChannelRecord } from './channel-directory';
import type { ChannelsDeps } from './channels.deps';
import { saveChannel } from './save-channel';

export interface SandboxOptions {
  /** Where the simulator listens (its Graph API and admin API), or null when it is off. */
  simulatorUrl: string | null;
  /** Where the simulator posts webhooks: this server's /webhooks/whatsapp. */
  webhookUrl: string;
  graphVersion: string;
}

type SandboxNumber = Omit<ChannelRecord, 'id' | 'status' | 'lastError'>;

/** Random ids and secrets in Meta's formats; the simulator accepts whatever it is told. */
export function newSandboxNumber(
  workspaceId: string,
  name: string,
  simulatorUrl: string,
  graphVersion: string,
): SandboxNumber {
  return {
    workspaceId,
    kind: 'sandbox',
    name,
    phoneNumberId: `1${String(randomInt(1e9, 1e10 - 1))}${String(randomInt(1e4, 1e5 - 1))}`,
    displayPhoneNumber: `+1 555 010 0${String(randomInt(100, 999))}`,
    wabaId: String(randomInt(1e9, 1e10 - 1)),
    graphBaseUrl: simulatorUrl,
    graphVersion,
    accessToken: `SANDBOX${randomBytes(24).toString('base64url')}`,
    appSecret: randomBytes(16).toString('hex'),
    verifyToken: randomBytes(12).toString('hex'),
  };
}

/** Tells the simulator about a number (idempotent), so its Graph API accepts the token and it posts webhooks to us. */
export async function registerWithSimulator(
  c: SandboxNumber,
  opts: { simulatorUrl: string; webhookUrl: string },
  fetchImpl: typeof fetch = fetch,
): Promise<void> {
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

/** One more simulated number for a workspace, at the click of a button. */
export async function createSandboxChannel(
  deps: ChannelsDeps & { directory: ChannelDirectory },
  workspaceId: string,
  opts: SandboxOptions,
  fetchImpl: typeof fetch = fetch,
  /** Who added it, for the audit log (`channel.connected`); none when Charla adds the first one. */
  actor?: { userId: string; ip: string | null },
): Promise<string> {
  const { simulatorUrl } = opts;
  if (!simulatorUrl) {
    throw new AppError(
      'unavailable',
      'simulator_off',
      'The simulator is turned off (SIMULATOR_ENABLED=false), so Charla cannot create sandbox numbers. Turn it on and restart, or connect a real WhatsApp number.',
    );
  }
  const [row] = await deps.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM channels WHERE workspace_id = $1 AND kind = 'sandbox'`,
    [workspaceId],
  );
  const n = row?.n ?? 0;
  const number = newSandboxNumber(
    workspaceId,
    n === 0 ? 'Sandbox' : `Sandbox ${n + 1}`,
    simulatorUrl,
    opts.graphVersion,
  );
  try {
    await registerWithSimulator(number, { simulatorUrl, webhookUrl: opts.webhookUrl }, fetchImpl);
  } catch (err) {
    throw new AppError(
      'unavailable',
      'simulator_unreachable',
      `The simulator at ${simulatorUrl} did not accept the new number (${(err as Error).message}). Check that it is running and try again.`,
    );
  }
  const id = await saveChannel(deps, number);
  deps.directory.invalidate();
  if (actor)
    await recordAudit(deps.db.orm, {
      workspaceId,
      action: 'channel.connected',
      ...(await auditActor(deps.db.orm, actor.userId)),
      targetType: 'channel',
      targetId: id,
      targetLabel: number.displayPhoneNumber,
      ip: actor.ip,
      details: {
        sandbox: true,
        phoneNumberId: number.phoneNumberId,
        displayPhoneNumber: number.displayPhoneNumber,
      },
    });
  return id;
}
