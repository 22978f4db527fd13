import { describe, expect, it } from 'vitest';
import { parseWebhook, type WebhookUpdate } from './parse-webhook';
import { envelope, failedStatus, metadata, sentStatus, textValue } from './webhook-fixtures.test-data';

function parseOk(json: unknown): WebhookUpdate[] {
  const result = parseWebhook(json);
  if (!result.ok) throw new Error(`expected ok, got: ${result.reason}`);
  return result.updates;
}

function parseReason(json: unknown): string {
  const result = parseWebhook(json);
  if (result.ok) throw new Error('expected a failure');
  return result.reason;
}

describe('parseWebhook', () => {
  it('reads an inbound text message with its sender profile', () => {
    const [update] = parseOk(envelope({ field: 'messages', value: textValue }));
    expect(update).toMatchObject({
      field: 'messages',
      wabaId: '102290129340398',
      phoneNumberId: '106540352242922',
      displayPhoneNumber: '15550783881',
      statuses: [],
      errors: [],
    });
    expect(update?.contacts[0]?.profile?.name).toBe('Sheena Nelson');
    const message = update?.messages[0];
    expect(message?.type === 'text' && message.text.body).toBe('Does it come in another color?');
    expect(message?.timestamp).toBe('1749416383');
  });

  it('reads sent and failed statuses with pricing, conversation and errors', () => {
    const value = { messaging_product: 'whatsapp', metadata, statuses: [sentStatus, failedStatus] };
    const [update] = parseOk(envelope({ field: 'messages', value }));
    const [sent, failed] = update?.statuses ?? [];
    expect(update?.contacts).toEqual([]);
    expect(sent?.pricing).toEqual({
      billable: true,
      pricing_model: 'PMP',
      type: 'regular',
      category: 'marketing',
    });
    expect(sent?.conversation?.origin?.type).toBe('marketing');
    expect(sent?.biz_opaque_callback_data).toBe('my-tracking-id');
    expect(failed?.status).toBe('failed');
    expect(failed?.errors?.[0]?.code).toBe(131049);
    expect(failed?.errors?.[0]?.error_data?.details).toContain('healthy ecosystem');
  });

  it('flattens a batch of several entries and changes in order', () => {
    const statusValue = { messaging_product: 'whatsapp', metadata, statuses: [sentStatus] };
    const otherNumber = {
      ...textValue,
      metadata: { display_phone_number: '5215500000000', phone_number_id: '2' },
    };
    const body = {
      object: 'whatsapp_business_account',
      entry: [
        {
          id: 'waba-1',
          changes: [
            { field: 'messages', value: textValue },
            { field: 'messages', value: statusValue },
          ],
        },
        { id: 'waba-2', changes: [{ field: 'messages', value: otherNumber }] },
      ],
    };
    const updates = parseOk(body);
    expect(updates.map((u) => [u.wabaId, u.phoneNumberId, u.messages.length, u.statuses.length])).toEqual([
      ['waba-1', '106540352242922', 1, 0],
      ['waba-1', '106540352242922', 0, 1],
      ['waba-2', '2', 1, 0],
    ]);
  });

  it('keeps a message of an unknown type with its raw object', () => {
    const poll = {
      from: '16505551234',
      id: 'wamid.poll',
      timestamp: '1749416390',
      type: 'poll_vote',
      poll_vote: { option: 2 },
    };
    const value = { ...textValue, messages: [poll, ...textValue.messages] };
    const [update] = parseOk(envelope({ field: 'messages', value }));
    expect(update?.messages).toHaveLength(2);
    const [unknown] = update?.messages ?? [];
    expect(unknown?.type).toBe('unknown');
    expect(unknown?.type === 'unknown' && unknown.unknownType).toBe('poll_vote');
    expect(unknown?.type === 'unknown' && unknown.raw).toEqual(poll);
    expect(unknown?.id).toBe('wamid.poll');
  });

  it('keeps a text message without body as unknown with the reason instead of failing the body', () => {
    const broken = { ...textValue.messages[0], text: {} };
    const [update] = parseOk(envelope({ field: 'messages', value: { ...textValue, messages: [broken] } }));
    expect(update?.messages[0]).toMatchObject({
      type: 'unknown',
      unknownType: 'text',
      raw: broken,
      invalidReason: 'text.body: expected string',
    });
  });

  it('keeps typed media messages with every field', () => {
    const image = {
      from: '16505551234',
      id: 'wamid.img',
      timestamp: '1749416391',
      type: 'image',
      image: { caption: 'Taj Mahal', mime_type: 'image/jpeg', sha256: 'SfInY0g=', id: '1003383421387256' },
    };
    const [update] = parseOk(envelope({ field: 'messages', value: { ...textValue, messages: [image] } }));
    expect(update?.messages[0]).toEqual(image);
  });

  it('accepts a BSUID-only sender without wa_id or from', () => {
    const value = {
      messaging_product: 'whatsapp',
      metadata,
      contacts: [{ profile: { username: 'sheena' }, user_id: 'US.13491208655302741918' }],
      messages: [
        {
          from_user_id: 'US.13491208655302741918',
          id: 'wamid.bsuid',
          timestamp: '1749416383',
          type: 'text',
          text: { body: 'hola' },
        },
      ],
    };
    const [update] = parseOk(envelope({ field: 'messages', value }));
    expect(update?.messages[0]?.from).toBeUndefined();
    expect(update?.messages[0]?.from_user_id).toBe('US.13491208655302741918');
    expect(update?.contacts[0]?.wa_id).toBeUndefined();
  });

  it('returns changes of other fields with empty arrays and the raw value', () => {
    const value = { phone_number: '15550783881', event: 'VERIFIED_ACCOUNT' };
    const [update] = parseOk(envelope({ field: 'account_update', value }));
    expect(update).toEqual({
      field: 'account_update',
      wabaId: '102290129340398',
      phoneNumberId: null,
      displayPhoneNumber: null,
      contacts: [],
      messages: [],
      statuses: [],
      errors: [],
      templateUpdates: [],
      userPreferences: [],
      value,
    });
  });

  it('exposes value-level errors', () => {
    const errors = [
      { code: 130429, title: 'Rate limit hit', message: 'Rate limit hit', error_data: { details: 'x' } },
    ];
    const [update] = parseOk(
      envelope({ field: 'messages', value: { messaging_product: 'whatsapp', metadata, errors } }),
    );
    expect(update?.errors[0]?.code).toBe(130429);
  });

  it.each([
    ['a non-object body', 'hello', '(root): expected object, received string'],
    ['another object type', { object: 'page', entry: [] }, 'object: expected "whatsapp_business_account"'],
    ['no entry array', { object: 'whatsapp_business_account' }, 'entry: expected array'],
    [
      'a numeric phone_number_id',
      envelope({ field: 'messages', value: { ...textValue, metadata: { ...metadata, phone_number_id: 1 } } }),
      'entry[0].changes[0].value.metadata.phone_number_id: expected string, received number',
    ],
    [
      'a missing phone_number_id',
      envelope({ field: 'messages', value: { ...textValue, metadata: { display_phone_number: '1' } } }),
      'entry[0].changes[0].value.metadata.phone_number_id: expected string',
    ],
    [
      'a numeric timestamp',
      envelope({
        field: 'messages',
        value: { ...textValue, messages: [{ ...textValue.messages[0], timestamp: 1749416383 }] },
      }),
      'entry[0].changes[0].value.messages[0].timestamp: expected string, received number',
    ],
  ])('rejects %s with a precise reason', (_label, body, reason) => {
    expect(parseReason(body)).toBe(reason);
  });
});
