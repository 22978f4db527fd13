import { AppError } from '../../../platform/errors';

/**
 * A conversation's number was disconnected in Settings › Numbers: its history stays readable,
 * but nothing can be sent through it until an owner or admin connects it again.
 */
export function assertNumberConnected(channel: { status: string; display_phone_number: string }): void {
  if (channel.status !== 'disconnected') return;
  throw new AppError(
    'conflict',
    'number_disconnected',
    `The number ${channel.display_phone_number} of this conversation is disconnected, so nothing can be sent from it. An owner or admin can reconnect it in Settings › Numbers (Reconnect: the same phone number id with new credentials); its conversations and history are kept.`,
  );
}
