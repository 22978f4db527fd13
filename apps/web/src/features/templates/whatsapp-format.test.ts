import { describe, expect, it } from 'vitest';
import { formatWhatsApp } from './whatsapp-format';

describe('formatWhatsApp', () => {
  it('draws bold, italic, strike-through and monospace like the phone', () => {
    expect(formatWhatsApp('Hola *Ana*, tu _pedido_ ~no~ ```A-1``` llegó')).toEqual([
      { text: 'Hola ' },
      { text: 'Ana', bold: true },
      { text: ', tu ' },
      { text: 'pedido', italic: true },
      { text: ' ' },
      { text: 'no', strike: true },
      { text: ' ' },
      { text: 'A-1', mono: true },
      { text: ' llegó' },
    ]);
  });

  it('marks a variable left without a value', () => {
    expect(formatWhatsApp('Hola {{first_name}}!')).toEqual([
      { text: 'Hola ' },
      { text: '{{first_name}}', variable: true },
      { text: '!' },
    ]);
  });

  it('leaves a lone marker and markers across lines as typed', () => {
    expect(formatWhatsApp('2 * 3 = 6')).toEqual([{ text: '2 * 3 = 6' }]);
    expect(formatWhatsApp('*uno\ndos*')).toEqual([{ text: '*uno\ndos*' }]);
  });
});
