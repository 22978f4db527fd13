import type { Template } from '@charla/contracts';
import { describe, expect, it } from 'vitest';
import { emptyDraft } from './template-draft';
import { type ContactFacts, contactSources, contactValueFor, prefillTemplateValues } from './template-values';

const ana: ContactFacts = {
  name: 'Ana María López',
  profileName: 'Anita',
  phone: '+5215512345678',
  attributes: { plan: 'Oro', order_number: 1234, vip: true, empty: '' },
};

function template(body: string, headerText?: string): Template {
  return {
    ...emptyDraft(),
    name: 'pedido',
    body,
    header: headerText ? { format: 'text', text: headerText, example: 'x' } : null,
    id: 't1',
    wabaId: 'w1',
    status: 'approved',
    rejection: null,
    quality: 'green',
    externalId: '1',
    submittedAt: null,
    updatedAt: '2026-11-24T10:00:00Z',
  };
}

describe('filling template variables from the contact', () => {
  it('matches a custom attribute by key before the built-in words', () => {
    expect(contactValueFor('plan', ana)).toBe('Oro');
    expect(contactValueFor('Order_Number', ana)).toBe('1234');
    expect(contactValueFor('first_name', { ...ana, attributes: { first_name: 'Anny' } })).toBe('Anny');
  });

  it('knows name, first name, last name and phone in Spanish and English', () => {
    expect(contactValueFor('nombre', ana)).toBe('Ana María López');
    expect(contactValueFor('first_name', ana)).toBe('Ana');
    expect(contactValueFor('apellido', ana)).toBe('María López');
    expect(contactValueFor('telefono', ana)).toBe('+5215512345678');
  });

  it('falls back to the WhatsApp profile name and leaves unknown or positional variables empty', () => {
    expect(contactValueFor('first_name', { ...ana, name: null })).toBe('Anita');
    expect(contactValueFor('coupon', ana)).toBeNull();
    expect(contactValueFor('1', ana)).toBeNull();
  });

  it('prefills the header and body, leaving what it cannot answer', () => {
    const values = prefillTemplateValues(
      template('Hola {{first_name}}, tu plan {{plan}} vence {{date}}', 'Hola {{name}}'),
      ana,
    );
    expect(values.header).toBe('Ana María López');
    expect(values.body).toEqual({ first_name: 'Ana', plan: 'Oro' });
  });

  it('lists the contact values to choose from, skipping empty ones', () => {
    expect(contactSources(ana).map((s) => s.key)).toEqual(['name', 'phone', 'plan', 'order_number', 'vip']);
  });
});
