import { describe, expect, it } from 'vitest';
import {
  emptyInteractiveDraft,
  type InteractiveDraft,
  isHttpsUrl,
  toInteractive,
  validateInteractive,
} from './interactive-limits';

const draft = (patch: Partial<InteractiveDraft>): InteractiveDraft => ({
  ...emptyInteractiveDraft(),
  body: '¿Qué pan quiere?',
  ...patch,
});
const codes = (d: InteractiveDraft) => validateInteractive(d).map((p) => `${p.field}:${p.code}`);
const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ title: `Fila ${i}`, description: '' }));

describe('interactive limits', () => {
  it('accepts up to three distinct buttons of 20 characters', () => {
    expect(codes(draft({ buttons: ['Concha', 'Bolillo', 'x'.repeat(20)] }))).toEqual([]);
  });

  it.each([
    ['a 21-character title', { buttons: ['x'.repeat(21)] }, ['buttons.0:tooLong']],
    ['an empty title', { buttons: [' '] }, ['buttons.0:required']],
    ['a fourth button', { buttons: ['a', 'b', 'c', 'd'] }, ['buttons:tooManyButtons']],
    ['titles equal but for case and spaces', { buttons: ['Sí', ' sí '] }, ['buttons.1:duplicate']],
    ['no body', { body: '  ', buttons: ['a'] }, ['body:required']],
    ['a 61-character header', { header: 'h'.repeat(61), buttons: ['a'] }, ['header:tooLong']],
    ['a 1025-character body', { body: 'b'.repeat(1025), buttons: ['a'] }, ['body:tooLong']],
    ['a 61-character footer', { footer: 'f'.repeat(61), buttons: ['a'] }, ['footer:tooLong']],
  ] as const)('refuses %s', (_, patch, expected) => {
    expect(codes(draft({ ...patch, buttons: [...patch.buttons] }))).toEqual(expected);
  });

  it('counts emoji as one character, as WhatsApp does', () => {
    expect(codes(draft({ buttons: ['🍞'.repeat(20)] }))).toEqual([]);
  });

  it('checks a list: label, row titles and descriptions, 10 rows across sections', () => {
    const ok = draft({ kind: 'list', listButton: 'Ver panes', sections: [{ title: '', rows: rows(10) }] });
    expect(codes(ok)).toEqual([]);
    const tooMany = draft({
      kind: 'list',
      listButton: 'Ver panes',
      sections: [
        { title: 'Dulce', rows: rows(6) },
        { title: 'Salado', rows: rows(5).map((r) => ({ ...r, title: `${r.title}b` })) },
      ],
    });
    expect(codes(tooMany)).toEqual(['sections:tooManyRows']);
    const bad = draft({
      kind: 'list',
      listButton: 'x'.repeat(21),
      sections: [
        { title: '', rows: [{ title: 'r'.repeat(25), description: 'd'.repeat(73) }] },
        { title: 's'.repeat(25), rows: [] },
      ],
    });
    expect(codes(bad)).toEqual([
      'listButton:tooLong',
      'sections.0.title:required',
      'sections.0.rows.0.title:tooLong',
      'sections.0.rows.0.description:tooLong',
      'sections.1.title:tooLong',
    ]);
    expect(codes(draft({ kind: 'list', listButton: 'Ver', sections: [{ title: '', rows: [] }] }))).toEqual([
      'sections:noRows',
    ]);
  });

  it('needs a link button with 20 characters and an https address', () => {
    expect(
      codes(draft({ kind: 'cta_url', ctaText: 'Ver menú', ctaUrl: 'https://pan.example/menu' })),
    ).toEqual([]);
    expect(codes(draft({ kind: 'cta_url', ctaText: 'x'.repeat(21), ctaUrl: 'http://pan.example' }))).toEqual([
      'ctaText:tooLong',
      'ctaUrl:notHttps',
    ]);
    expect(isHttpsUrl('javascript:alert(1)')).toBe(false);
    expect(isHttpsUrl('https://')).toBe(false);
  });

  it('builds the neutral message with trimmed text and ids by position', () => {
    expect(
      toInteractive(draft({ header: ' ', footer: 'Panadería Sol ', buttons: [' Concha', 'Bolillo'] })),
    ).toEqual({
      kind: 'buttons',
      header: null,
      body: '¿Qué pan quiere?',
      footer: 'Panadería Sol',
      buttons: [
        { id: 'btn-1', title: 'Concha' },
        { id: 'btn-2', title: 'Bolillo' },
      ],
      list: null,
      cta: null,
    });
    const list = toInteractive(
      draft({
        kind: 'list',
        listButton: 'Ver',
        sections: [
          { title: 'A', rows: [{ title: 'a', description: '' }] },
          { title: 'B', rows: [{ title: 'b', description: 'desc' }] },
        ],
      }),
    );
    expect(list.list?.sections.flatMap((s) => s.rows)).toEqual([
      { id: 'row-1', title: 'a', description: null },
      { id: 'row-2', title: 'b', description: 'desc' },
    ]);
    expect(list.buttons).toEqual([]);
  });
});
