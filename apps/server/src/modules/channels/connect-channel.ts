import { randomBytes } from 'node:crypto';
import type { ConnectChannelRequestSchema } from '@charla/contracts';
import type { z } from 'zod';
import { AppError } from '../../platform/errors';
import { auditActor, recordAudit } from '../audit';
import type { ChannelDirectory } from './channel-directory';
import type { ChannelsDeps } from './channels.deps';
import { numberTaken, saveChannel } from './save-channel';

export type NumberCheck =
  | { ok: true; displayPhoneNumber: string; verifiedName: string | null }
  | {
      ok: false;
      /** Which credential Meta refused, or that Meta could not be asked at all. */
      problem: 'access_token' | 'phone_number_id' | 'waba_id' | 'unreachable' | 'refused';
      detail: string;
    };

/**
 * Asks the Graph API who a phone number id is and whether it belongs to the WABA, using the given
 * token (port; see whatsapp/check-phone-number).
 */
export type CheckNumber = (input: {
  phoneNumberId: string;
  wabaId: string;
  accessToken: string;
}) => Promise<NumberCheck>;

export interface ConnectChannelDeps extends ChannelsDeps {
  directory: ChannelDirectory;
  checkNumber: CheckNumber;
  graphBaseUrl: string;
  graphVersion: string;
}

type ConnectInput = z.output<typeof ConnectChannelRequestSchema>;

/** Who connects the number, for the audit log (`channel.connected`). */
export interface ChannelActor {
  userId: string;
  ip: string | null;
}

/**
 * Connects a real WhatsApp number: Meta must accept the token for this phone number id, and list
 * the number under this WABA, before anything is stored, so a typo is caught here rather than at
 * the first failed send or template sync.
 */
export async function connectChannel(
  deps: ConnectChannelDeps,
  workspaceId: string,
  input: ConnectInput,
  actor?: ChannelActor,
): Promise<string> {
  const check = await deps.checkNumber({
    phoneNumberId: input.phoneNumberId,
    wabaId: input.wabaId,
    accessToken: input.accessToken,
  });
  if (!check.ok) throw refusal(check, input, deps.graphBaseUrl);

  const [existing] = await deps.db.query<{
    workspace_id: string;
    verify_token_enc: string;
    name: string;
    status: string;
  }>('SELECT workspace_id, verify_token_enc, name, status FROM channels WHERE external_id = $1', [
    input.phoneNumberId,
  ]);
  if (existing && existing.workspace_id !== workspaceId)
    throw numberTaken(input.phoneNumberId, existing.status === 'disconnected');

  const id = await saveChannel(deps, {
    workspaceId,
    kind: 'cloud',
    name: input.name ?? existing?.name ?? check.verifiedName ?? 'WhatsApp',
    phoneNumberId: input.phoneNumberId,
    displayPhoneNumber: check.displayPhoneNumber,
    wabaId: input.wabaId,
    graphBaseUrl: deps.graphBaseUrl,
    graphVersion: deps.graphVersion,
    accessToken: input.accessToken,
    appSecret: input.appSecret,
    // Reconnecting (a new token) keeps the verify token already pasted in Meta.
    verifyToken: existing
      ? deps.secrets.decrypt(existing.verify_token_enc)
      : randomBytes(24).toString('base64url'),
    status: 'connected',
    lastError: null,
  });
  deps.directory.invalidate();
  if (actor) {
    // The ids Meta shows on its API Setup page, never the token or the app secret.
    await recordAudit(deps.db.orm, {
      workspaceId,
      action: 'channel.connected',
      ...(await auditActor(deps.db.orm, actor.userId)),
      targetType: 'channel',
      targetId: id,
      targetLabel: check.displayPhoneNumber,
      ip: actor.ip,
      details: {
        phoneNumberId: input.phoneNumberId,
        wabaId: input.wabaId,
        displayPhoneNumber: check.displayPhoneNumber,
        reconnected: existing !== undefined,
      },
    });
  }
  return id;
}

function refusal(check: Extract<NumberCheck, { ok: false }>, input: ConnectInput, graphBaseUrl: string) {
  const { phoneNumberId, wabaId } = input;
  switch (check.problem) {
    case 'access_token':
      return new AppError(
        'unprocessable',
        'invalid_access_token',
        `Meta did not accept this access token (${check.detail}). Use a permanent token of a system user: Meta Business Settings > Users > System users > Generate new token, for your app, with the whatsapp_business_messaging and whatsapp_business_management permissions. The temporary token on the API Setup page expires after 24 hours.`,
        [
          {
            path: 'accessToken',
            message:
              'Meta did not accept this token. Generate a permanent one in Business Settings > Users > System users.',
          },
        ],
      );
    case 'phone_number_id':
      return new AppError(
        'unprocessable',
        'invalid_phone_number_id',
        `Meta does not know phone number id ${phoneNumberId}, or this token cannot see it (${check.detail}). Copy the "Phone number ID" (not the phone number itself) from Meta > WhatsApp > API Setup, and check that the token's system user has access to that WhatsApp account.`,
        [
          {
            path: 'phoneNumberId',
            message:
              'Meta does not know this phone number id for this token. Copy it from WhatsApp > API Setup.',
          },
        ],
      );
    case 'waba_id':
      return new AppError(
        'unprocessable',
        'phone_number_not_in_waba',
        `Phone number id ${phoneNumberId} is not in WhatsApp Business Account ${wabaId}, or this token cannot see that account (${check.detail}). Copy the "WhatsApp Business Account ID" shown above the phone number id in Meta > WhatsApp > API Setup (also in Business Settings > Accounts > WhatsApp accounts). Nothing was saved.`,
        [
          {
            path: 'wabaId',
            message:
              'This phone number is not in that WhatsApp Business Account. Copy the account id from WhatsApp > API Setup.',
          },
        ],
      );
    case 'unreachable':
      return new AppError(
        'unavailable',
        'graph_unreachable',
        `Charla could not reach Meta's Graph API at ${graphBaseUrl} to check the number (${check.detail}). Check this server's internet access and GRAPH_API_BASE_URL, then try again. Nothing was saved.`,
      );
    case 'refused':
      return new AppError(
        'unprocessable',
        'graph_refused',
        `Meta refused to show this phone number (${check.detail}). Nothing was saved.`,
      );
  }
}
