import type { Message } from '@charla/contracts';
import i18n from 'i18next';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { initReactI18next } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../../i18n/en';
import { es } from '../../../i18n/es';
import { CustomerChanges } from './customer-changes';
import { ReferralBanner } from './referral-banner';
import { SystemNotice } from './system-notice';

beforeAll(async () => {
  await i18n.use(initReactI18next).init({
    resources: { es: { translation: es }, en: { translation: en } },
    lng: 'es',
    interpolation: { escapeValue: false },
  });
});

const base: Message = {
  id: 'm1',
  conversationId: 'c1',
  direction: 'inbound',
  type: 'text',
  text: 'Quiero dos',
  status: null,
  error: null,
  senderName: null,
  createdAt: '2026-12-06T10:00:00.000Z',
  content: { type: 'text', body: 'Quiero dos' },
  replyTo: null,
  reactions: [],
  forwarded: null,
  referral: null,
};

const render = (el: Parameters<typeof renderToStaticMarkup>[0]) => renderToStaticMarkup(el);
const inLanguage = async (lng: 'es' | 'en', fn: () => string) => {
  await i18n.changeLanguage(lng);
  return fn();
};

describe('what the customer did to their messages, as the thread shows it', () => {
  it('keeps a deleted message struck through with "eliminado por el cliente" / "deleted by the customer"', async () => {
    const message = { ...base, deletedByCustomerAt: '2026-12-06T10:01:00.000Z', edited: null };
    const draw = () => render(createElement(CustomerChanges, { message }, 'Quiero dos'));
    const htmlEs = await inLanguage('es', draw);
    expect(htmlEs).toMatch(/line-through[^>]*>Quiero dos</);
    expect(htmlEs).toContain('Eliminado por el cliente');
    expect(await inLanguage('en', draw)).toContain('Deleted by the customer');
  });

  it('labels an edited message "Editado" / "Edited" with a way to see the previous text', async () => {
    const message = {
      ...base,
      text: 'Quiero tres',
      deletedByCustomerAt: null,
      edited: { at: '2026-12-06T10:02:00.000Z', previousText: 'Quiero dos' },
    };
    const draw = () => render(createElement(CustomerChanges, { message }, 'Quiero tres'));
    const htmlEs = await inLanguage('es', draw);
    expect(htmlEs).toContain('Editado');
    expect(htmlEs).toContain('Ver el texto anterior');
    expect(htmlEs).toContain('Quiero tres');
    const htmlEn = await inLanguage('en', draw);
    expect(htmlEn).toContain('Edited');
    expect(htmlEn).toContain('Show the previous text');
  });

  it('leaves an untouched message as it is', async () => {
    const html = await inLanguage('es', () =>
      render(createElement(CustomerChanges, { message: base }, 'Quiero dos')),
    );
    expect(html).toBe('Quiero dos');
  });

  it('draws a missed WhatsApp call as its own line saying Charla does not answer calls', async () => {
    const message: Message = {
      ...base,
      type: 'call',
      text: '📞',
      content: { type: 'call', event: 'missed', durationSeconds: null },
    };
    const draw = () => render(createElement(SystemNotice, { message, content: message.content as never }));
    const htmlEs = await inLanguage('es', draw);
    expect(htmlEs).toContain('Llamada perdida de WhatsApp');
    expect(htmlEs).toContain('Charla no contesta llamadas de WhatsApp');
    const htmlEn = await inLanguage('en', draw);
    expect(htmlEn).toContain('Missed WhatsApp call');
    expect(htmlEn).toContain('Charla does not answer WhatsApp calls');
  });

  it('draws a call permission answer and the line left by a deletion', async () => {
    const granted: Message = {
      ...base,
      type: 'call',
      content: { type: 'call', event: 'permission_granted', durationSeconds: null },
    };
    expect(
      await inLanguage('es', () =>
        render(createElement(SystemNotice, { message: granted, content: granted.content as never })),
      ),
    ).toContain('El cliente aceptó que le llamen por WhatsApp');
    const revoke: Message = { ...base, type: 'revoke', content: { type: 'revoke', targetId: 'wamid.X' } };
    expect(
      await inLanguage('en', () =>
        render(createElement(SystemNotice, { message: revoke, content: revoke.content as never })),
      ),
    ).toContain('The customer deleted a message');
  });
});

describe('the ad a customer came from', () => {
  it('shows headline, body and links to the ad and its image, loading nothing remote', async () => {
    const referral = {
      sourceType: 'ad',
      sourceUrl: 'https://fb.me/3cr4Wqqkv',
      headline: 'Suculentas',
      body: '2x1 este fin',
      sourceId: '120226305854810726',
      ctwaClid: 'Aff-n8ZT',
      mediaType: 'image',
      imageUrl: 'https://scontent.example/ad.jpg',
      videoUrl: null,
      thumbnailUrl: null,
      welcomeText: null,
    };
    const draw = () => render(createElement(ReferralBanner, { referral }));
    const htmlEs = await inLanguage('es', draw);
    expect(htmlEs).toContain('Suculentas');
    expect(htmlEs).toContain('2x1 este fin');
    expect(htmlEs).toContain('href="https://fb.me/3cr4Wqqkv"');
    expect(htmlEs).toMatch(/href="https:\/\/scontent.example\/ad.jpg"[^>]*>.*Imagen del anuncio/);
    expect(htmlEs).not.toContain('<img');
    expect(await inLanguage('en', draw)).toContain('Ad image');
  });

  it("says WhatsApp's number and user id changes in the reader's language, with the new number formatted", async () => {
    const content = {
      type: 'system' as const,
      body: 'User A changed from 5215512345678 to 5215587654321',
      event: 'number_changed' as const,
      newPhone: '+525587654321',
    };
    const message = { ...base, type: 'system', content };
    const draw = () => render(createElement(SystemNotice, { message, content }));
    const htmlEs = await inLanguage('es', draw);
    expect(htmlEs).toContain('El cliente cambió su número de WhatsApp a +52 55 8765 4321');
    expect(htmlEs).toContain('title="User A changed from 5215512345678 to 5215587654321"');
    expect(await inLanguage('en', draw)).toContain(
      'The customer changed their WhatsApp number to +52 55 8765 4321',
    );
    const rotated = { type: 'system' as const, body: 'x', event: 'user_id_changed' as const };
    const drawRotated = () => render(createElement(SystemNotice, { message, content: rotated }));
    expect(await inLanguage('es', drawRotated)).toContain('sigue siendo el mismo contacto');
    expect(await inLanguage('en', drawRotated)).toContain('still the same contact');
  });
});
