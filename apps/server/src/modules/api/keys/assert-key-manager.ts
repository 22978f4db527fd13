import { AppError } from '../../../platform/errors';
import type { KeyManager } from '../api.deps';

/** API keys act for the whole workspace, so only owners and admins make, see and revoke them. */
export function assertKeyManager(actor: KeyManager): void {
  if (actor.role === 'agent') {
    throw new AppError(
      'forbidden',
      'forbidden',
      'Only the owner or an admin can manage API keys: a key reaches every conversation of the workspace.',
    );
  }
}
