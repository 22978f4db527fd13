import type { TemplateDraft } from '@charla/contracts';
import { describe, expect, it } from 'vitest';
import {
  canAddButton,
  cleanDraft,
  emptyDraft,
  headerFor,
  insertAt,
  moveItem,
  newButton,
  suggestName,
  variableToInsert,
} from './template-draft';

const draft = (patch: Partial<TemplateDraft>): TemplateDraft => ({ ...emptyDraft(), ...patch });

describe('template draft helpers', () => {
  it('inserts the next position for positional templates and the typed name for named ones', () => {
    const positional = draft({ parameterFormat: 'positional', body: 'Hola {{1}}, tu pedido {{2}}' });
    expect(variableToInsert(positional, '')).toBe('{{3}}');
    expect(variableToInsert(draft({}), 'first_name')).toBe('{{first_name}}');
    expect(variableToInsert(draft({}), 'First Name')).toBeNull();
    expect(variableToInsert(draft({}), 'name2')).toBeNull();
  });

  it('inserts at the cursor with a space when it would touch a word', () => {
    expect(insertAt('Hola', '{{1}}', null)).toEqual({ text: 'Hola {{1}}', cursor: 10 });
    expect(insertAt('Hola , bienvenido', '{{1}}', 5)).toEqual({ text: 'Hola {{1}}, bienvenido', cursor: 10 });
    expect(insertAt('', '{{1}}', 0)).toEqual({ text: '{{1}}', cursor: 5 });
  });

  it('drops examples of variables no longer in the text before saving', () => {
    const cleaned = cleanDraft(
      draft({
        name: ' pedido_listo ',
        body: 'Hola {{first_name}}, gracias',
        bodyExamples: { first_name: 'Ana', order: '123' },
        header: { format: 'text', text: 'Aviso', example: 'x' },
        buttons: [{ type: 'url', text: 'Ver', url: 'https://a.mx/p', example: 'old' }],
        footer: '  ',
      }),
    );
    expect(cleaned.name).toBe('pedido_listo');
    expect(cleaned.bodyExamples).toEqual({ first_name: 'Ana' });
    expect(cleaned.header).toEqual({ format: 'text', text: 'Aviso', example: null });
    expect(cleaned.buttons[0]).toMatchObject({ example: null });
    expect(cleaned.footer).toBeNull();
  });

  it('keeps to WhatsApp button limits per kind', () => {
    const urls = [newButton('url', []), newButton('url', [])].filter((b) => b !== null);
    expect(canAddButton('url', urls)).toBe(false);
    expect(newButton('url', urls)).toBeNull();
    expect(canAddButton('quick_reply', urls)).toBe(true);
    const ten = Array.from({ length: 10 }, () => ({ type: 'quick_reply' as const, text: 'x' }));
    expect(canAddButton('quick_reply', ten)).toBe(false);
  });

  it('moves a button up and down, ignoring moves off the ends', () => {
    expect(moveItem(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
  });

  it('keeps the header being edited when its kind is picked again', () => {
    const text = { format: 'text' as const, text: 'Hola', example: null };
    expect(headerFor('text', text)).toBe(text);
    expect(headerFor('image', text)).toEqual({ format: 'image', exampleMediaId: null });
    expect(headerFor('none', text)).toBeNull();
  });

  it('suggests a valid name from what was typed', () => {
    expect(suggestName('Confirmación de Pedido!')).toBe('confirmacion_de_pedido');
  });
});
