import { type CannedResponse, fillCannedVariables, unknownCannedVariables } from '@charla/contracts';
import { describe, expect, it } from 'vitest';
import { cannedValuesFor, filterCanned, slashQueryOf } from './canned-text';

const values = cannedValuesFor(
  { contact: { id: 'c', name: 'María', phone: '+5215512345678', waId: '5215512345678' } },
  'Carla',
  'Tienda Luna',
);

describe('filling canned variables', () => {
  it('fills every known variable, with or without spaces inside the braces', () => {
    expect(
      fillCannedVariables(
        'Hola {{contact.name}} ({{ contact.phone }}), soy {{agent.name}} de {{workspace.name}}',
        values,
      ),
    ).toBe('Hola María (+5215512345678), soy Carla de Tienda Luna');
  });

  it('fills the first name with the first word of the contact’s name', () => {
    const full = cannedValuesFor(
      { contact: { id: 'c', name: '  Ana María García ', phone: null, waId: null } },
      'Carla',
      'T',
    );
    expect(fillCannedVariables('Hola {{contact.first_name}}, soy {{agent.name}}', full)).toBe(
      'Hola Ana, soy Carla',
    );
    const noName = cannedValuesFor({ contact: { id: 'c', name: null, phone: null, waId: null } }, 'C', 'T');
    expect(fillCannedVariables('Hola {{contact.first_name}}!', noName)).toBe('Hola !');
  });

  it('leaves a missing value empty and an unknown variable as written', () => {
    const noName = cannedValuesFor(
      { contact: { id: 'c', name: null, phone: null, waId: null } },
      'Carla',
      'T',
    );
    expect(fillCannedVariables('Hola {{contact.name}}!', noName)).toBe('Hola !');
    expect(fillCannedVariables('{{order.id}}', values)).toBe('{{order.id}}');
  });

  it('names unknown variables once each', () => {
    expect(unknownCannedVariables('{{order.id}} {{contact.name}} {{ order.id }} {{x}}')).toEqual([
      'order.id',
      'x',
    ]);
    expect(unknownCannedVariables('Hola {{contact.name}}')).toEqual([]);
  });
});

describe('the slash picker', () => {
  it('reads the query only when the draft is a slash word', () => {
    expect(slashQueryOf('/')).toBe('');
    expect(slashQueryOf('/Hor')).toBe('hor');
    expect(slashQueryOf('hola /x')).toBeNull();
    expect(slashQueryOf('/a b')).toBeNull();
  });

  it('puts shortcuts starting with the query first', () => {
    const item = (shortcut: string, body = ''): CannedResponse => ({
      id: shortcut,
      shortcut,
      body,
      createdAt: '',
      updatedAt: '',
    });
    const items = [item('gracias'), item('horario'), item('envio', 'sin horario fijo')];
    expect(filterCanned(items, 'hor').map((c) => c.id)).toEqual(['horario', 'envio']);
    expect(filterCanned(items, '').map((c) => c.id)).toEqual(['gracias', 'horario', 'envio']);
  });
});
