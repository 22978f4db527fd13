import { AppError } from '../../platform/errors';
import type { PrivacyActor } from './privacy.deps';

/**
 * Exporting or erasing a person's data is the owner's and admins' to do: an agent may not see
 * all of the contact's conversations, and erasing cannot be undone.
 */
export function assertMayHandlePersonalData(actor: PrivacyActor, what: string): void {
  if (actor.role === 'agent')
    throw new AppError(
      'forbidden',
      'forbidden',
      `Only the owner and admins can ${what}. Ask one of them to do it.`,
    );
}

export const contactNotFound = () =>
  new AppError('not_found', 'contact_not_found', 'That contact does not exist (or was erased).');
