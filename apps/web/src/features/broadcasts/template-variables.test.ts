import type { Template } from '@charla/contracts';
import { describe, expect, it } from 'vitest';
import {
  defaultVariables,
  incompleteSlots,
  previewValues,
  skippingSlots,
  variableSlots,
  withSource,
} from './template-variables';

const template: Template = {
  id: 't1',
  wabaId: 'w1',
  name: 'promo',
  language: 'es',
  category: 'marketing',
  parameterFormat: 'named',
  header: { format: 'text', text: 'Hola {{first_name}}', example: 'Ana' },
  body: 'Hola {{first_name}}, tu código es {{code}} hasta el {{date}}.',
  bodyExamples: { first_name: 'Ana', code: 'LUNA10', date: '1 de diciembre' },
  footer: null,
  buttons: [
    {
      type: 'url',
      text: 'Ver',
      url: 'https://tienda.example/p/{{1}}',
      example: 'https://tienda.example/p/abc',
    },
  ],
  status: 'approved',
  rejection: null,
  quality: 'green',
  externalId: '1',
  submittedAt: null,
  updatedAt: '2026-11-24T10:00:00Z',
};

describe('template variables of a broadcast', () => {
  it('lists every value the broadcast must fill, header, body and buttons', () => {
    expect(variableSlots(template).map((slot) => slot.path)).toEqual([
      'header',
      'body.first_name',
      'body.code',
      'body.date',
      'buttons.0',
    ]);
  });

  it('guesses the first name and leaves the rest to fill', () => {
    const variables = defaultVariables(template, 'cliente');
    expect(variables.body.first_name).toEqual({
      source: 'attribute',
      key: 'first_name',
      fallback: 'cliente',
    });
    expect(incompleteSlots(variables, variableSlots(template))).toEqual([
      'body.code',
      'body.date',
      'buttons.0',
    ]);
  });

  it('renders a sample recipient with attributes, fallbacks and fixed text', () => {
    const slots = variableSlots(template);
    let variables = defaultVariables(template, 'cliente');
    variables = withSource(variables, 'header', { source: 'attribute', key: 'name', fallback: '' });
    variables = withSource(variables, 'body.code', { source: 'text', value: 'LUNA10' });
    variables = withSource(variables, 'body.date', { source: 'attribute', key: 'due', fallback: 'pronto' });
    variables = withSource(variables, 'buttons.0', { source: 'attribute', key: 'phone', fallback: '' });
    expect(incompleteSlots(variables, slots)).toEqual([]);
    expect(skippingSlots(variables, slots)).toEqual(['header', 'buttons.0']);
    const label = (key: string) => key.toUpperCase();
    expect(previewValues(variables, slots, { name: 'Marta Ruiz', phone: '+34600000001' }, label)).toEqual({
      header: 'Marta Ruiz',
      headerMediaId: null,
      body: { first_name: 'Marta', code: 'LUNA10', date: 'pronto' },
      buttons: { '0': '+34600000001' },
    });
    expect(previewValues(variables, slots, null, label).body).toEqual({
      first_name: 'cliente',
      code: 'LUNA10',
      date: 'pronto',
    });
    expect(previewValues(variables, slots, null, label).header).toBe('[NAME]');
  });
});
