import type { Message } from '@charla/contracts';
import { describe, expect, it } from 'vitest';
import { toContactsRequest, validateContact } from './contact-draft';
import { type ErrorEntry, failureReason } from './failure-reason';
import { parseCoordinate } from './location-input';
import { canReferTo, copyableText, ownReaction } from './message-actions';
import { withOutboundReaction } from './outbound.api';
import { pendingPreview } from './pending-preview';
import { findErrorEntry } from './whatsapp-error-text';

const message = (patch: Partial<Message>): Message => ({
  id: 'm1',
  conversationId: 'c1',
  direction: 'inbound',
  type: 'text',
  text: 'Hola',
  status: null,
  error: null,
  senderName: null,
  createdAt: '2025-01-01T00:00:00Z',
  content: { type: 'text', body: 'Hola' },
  replyTo: null,
  reactions: [],
  forwarded: null,
  referral: null,
  ...patch,
});

describe('message actions', () => {
  it('quotes and reacts only to messages WhatsApp knows', () => {
    expect(canReferTo(message({}))).toBe(true);
    expect(canReferTo(message({ direction: 'outbound', status: 'delivered' }))).toBe(true);
    expect(canReferTo(message({ direction: 'outbound', status: 'queued' }))).toBe(false);
    expect(canReferTo(message({ direction: 'outbound', status: 'failed' }))).toBe(false);
    expect(canReferTo(message({ id: 'pending-1', direction: 'outbound', status: 'queued' }))).toBe(false);
  });

  it('copies the words, not the type icon', () => {
    expect(copyableText(message({}))).toBe('Hola');
    expect(
      copyableText(
        message({
          type: 'location',
          text: '📍 Zócalo',
          content: {
            type: 'location',
            latitude: 19.4,
            longitude: -99.1,
            name: 'Zócalo',
            address: null,
            url: null,
          },
        }),
      ),
    ).toBe('Zócalo\n19.4, -99.1');
  });

  it('keeps one reaction per side: ours replaces ours, empty removes it', () => {
    const reacted = message({ reactions: [{ emoji: '👍', direction: 'inbound', at: 'a' }] });
    const ours = withOutboundReaction(reacted, '❤️', 'b');
    expect(ours.reactions.map((r) => r.emoji)).toEqual(['👍', '❤️']);
    expect(ownReaction(ours)).toBe('❤️');
    expect(withOutboundReaction(withOutboundReaction(ours, '😂', 'c'), '', 'd').reactions).toEqual([
      { emoji: '👍', direction: 'inbound', at: 'a' },
    ]);
  });
});

describe('outbound helpers', () => {
  it('parses coordinates, decimal comma included, within range', () => {
    expect(parseCoordinate(' 19.432608 ', 90)).toBe(19.432608);
    expect(parseCoordinate('-99,13', 180)).toBe(-99.13);
    expect(parseCoordinate('91', 90)).toBeNull();
    expect(parseCoordinate('1e3', 180)).toBeNull();
    expect(parseCoordinate('', 90)).toBeNull();
  });

  it('checks and builds a contact card', () => {
    expect(validateContact({ name: '', organization: '', phones: [''], email: 'no' })).toEqual({
      name: 'required',
      phones: ['required'],
      email: 'invalid',
    });
    const draft = { name: ' Mario ', organization: '', phones: ['+52 55 8765 4321', ''], email: '' };
    expect(validateContact(draft)).toBeNull();
    expect(toContactsRequest(draft)).toEqual({
      type: 'contacts',
      contacts: [
        {
          name: 'Mario',
          organization: null,
          phones: [{ phone: '+52 55 8765 4321', type: 'CELL', waId: null }],
          emails: [],
        },
      ],
    });
  });

  it('prefers the translated sentence for a WhatsApp code, else the server reason, and says what happens next', () => {
    const find = (code: number) =>
      (({
        131047: {
          en: 'Window closed. Use a template.',
          es: 'Ventana cerrada. Usa una plantilla.',
          retry: 'later',
        },
        131026: { en: 'Undeliverable.', es: 'No entregable.', retry: 'no' },
        131000: {
          en: 'WhatsApp failed. Charla will try again by itself.',
          es: 'Falló. Charla lo volverá a intentar sola.',
          retry: 'yes',
        },
      })[code] as ErrorEntry | undefined) ?? null;
    const error = (code: number | null) => ({ code, reason: 'Server sentence.', details: null });
    expect(failureReason(error(131047), 'es', find)).toEqual({
      reason: 'Ventana cerrada. Usa una plantilla.',
      code: 131047,
      next: 'later',
    });
    expect(failureReason(error(131026), 'en', find).next).toBe('no');
    // Failed with a retryable code: Charla already gave up, so no promise of another try.
    expect(failureReason(error(131000), 'es', find)).toEqual({
      reason: 'Falló.',
      code: 131000,
      next: 'gaveUp',
    });
    expect(failureReason(error(999), 'es', find)).toEqual({
      reason: 'Server sentence.',
      code: 999,
      next: null,
    });
    expect(failureReason(error(null), 'en', null).reason).toBe('Server sentence.');
    expect(failureReason(null, 'en', find)).toEqual({ reason: null, code: null, next: null });
  });

  it("reads the contracts' Cloud API error table in both languages", () => {
    const entry = findErrorEntry(131047);
    expect(entry?.es).toBeTruthy();
    expect(entry?.en).toBeTruthy();
    expect(findErrorEntry(987654321)).toBeNull();
  });

  it('gives pending bubbles a one-line stand-in', () => {
    expect(pendingPreview({ text: 'Hola' })).toBe('Hola');
    expect(pendingPreview({ type: 'media', mediaId: 'x', voice: true })).toBe('🎤');
    expect(pendingPreview({ type: 'media', mediaId: 'x', caption: 'Foto' })).toBe('📎 Foto');
    expect(pendingPreview({ type: 'location', latitude: 1, longitude: 2 })).toBe('📍 1, 2');
  });
});
