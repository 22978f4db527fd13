import { parseWebhook } from '@charla/cloud-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ClientFixture, FILES, readJson, startClientFixture } from './test-support/client-fixture';
import { CUSTOMER_WA_ID, NUMBER } from './test-support/sandbox-fixture';

let f: ClientFixture;
beforeEach(async () => {
  f = await startClientFixture();
  f.openWindow();
});
afterEach(() => f.close());

const to = `+${CUSTOMER_WA_ID}`;
const customerUrl = () => `${f.baseUrl}/_sim/numbers/${NUMBER.phoneNumberId}/customers/${CUSTOMER_WA_ID}`;

/** What the phone page posts when the customer taps a button or a list row. */
async function tap(message: Record<string, unknown>) {
  const response = await fetch(`${customerUrl()}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ message }),
  });
  expect(response.status).toBe(200);
  const { wamid } = (await response.json()) as { wamid: string };
  const [webhook] = await f.receiver.waitFor((w) => w.rawBody.includes(wamid));
  const parsed = parseWebhook(webhook?.json);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.updates[0]?.messages[0];
}

describe('the phone answers interactive messages', () => {
  it('turns a reply-button tap into interactive.button_reply quoting the business message', async () => {
    const sent = await f.client.sendMessage(NUMBER.phoneNumberId, {
      messaging_product: 'whatsapp',
      to,
      type: 'interactive',
      interactive: {
        type: 'button',
        body: { text: '¿Confirmas?' },
        action: { buttons: [{ type: 'reply', reply: { id: 'yes', title: 'Sí' } }] },
      },
    });
    const wamid = sent.messages[0]?.id ?? '';
    const chat = await readJson(fetch(`${customerUrl()}/chat`));
    expect(chat.messages.at(-1)).toMatchObject({ wamid, content: { type: 'button' } });
    const inbound = await tap({
      type: 'interactive',
      interactive: { type: 'button_reply', button_reply: { id: 'yes', title: 'Sí' } },
      context: { id: wamid },
    });
    expect(inbound).toMatchObject({
      type: 'interactive',
      interactive: { type: 'button_reply', button_reply: { id: 'yes', title: 'Sí' } },
      context: { id: wamid, from: '525550000001' },
    });
  });

  it('turns a list-row pick into interactive.list_reply', async () => {
    const sent = await f.client.sendMessage(NUMBER.phoneNumberId, {
      messaging_product: 'whatsapp',
      to,
      type: 'interactive',
      interactive: {
        type: 'list',
        body: { text: 'Elige' },
        action: {
          button: 'Menú',
          sections: [
            { title: 'Tacos', rows: [{ id: 'pastor', title: 'Al pastor', description: 'Con piña' }] },
          ],
        },
      },
    });
    const inbound = await tap({
      type: 'interactive',
      interactive: {
        type: 'list_reply',
        list_reply: { id: 'pastor', title: 'Al pastor', description: 'Con piña' },
      },
      context: { id: sent.messages[0]?.id },
    });
    expect(inbound).toMatchObject({ interactive: { type: 'list_reply', list_reply: { id: 'pastor' } } });
  });
});

describe('phone page', () => {
  it('ships the controls for every business message type', async () => {
    const html = await (await fetch(`${f.baseUrl}/phone/${NUMBER.phoneNumberId}`)).text();
    for (const id of ['phone-button', 'phone-list-open', 'phone-list-row', 'phone-play', 'phone-download']) {
      expect(html).toContain(`'${id}'`);
    }
    expect(html).not.toContain('innerHTML');
  });

  it('serves business media files for download, as attachments unless playable', async () => {
    const { id } = await f.client.uploadMedia(NUMBER.phoneNumberId, {
      bytes: FILES.pdf.bytes,
      mimeType: 'application/pdf',
      filename: 'factura.pdf',
    });
    const response = await fetch(`${f.baseUrl}/_sim/media/${id}/file`);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="factura.pdf"');
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await response.arrayBuffer()).equals(FILES.pdf.bytes)).toBe(true);
    expect((await fetch(`${f.baseUrl}/_sim/media/nope/file`)).status).toBe(404);
  });
});
