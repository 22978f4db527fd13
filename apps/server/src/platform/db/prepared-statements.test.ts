import { describe, expect, it } from 'vitest';
import { createStatementNamer } from './prepared-statements';

describe('named statements', () => {
  it('names a statement with parameters from its third run on, the same name for the same text', () => {
    const named = createStatementNamer();
    const text = 'SELECT id FROM contacts WHERE workspace_id = $1';
    expect(named(text, ['w']).name).toBeUndefined();
    expect(named(text, ['w']).name).toBeUndefined();
    const third = named(text, ['w']);
    expect(third.name).toMatch(/^charla_[0-9a-f]{24}$/);
    expect(named(text, ['x'])).toEqual({ name: third.name, text, values: ['x'] });
    expect(createStatementNamer()(text, ['w']).name).toBeUndefined();
    const again = createStatementNamer();
    for (let i = 0; i < 3; i++) again(text, ['w']);
    expect(again(text, ['w']).name).toBe(third.name);
  });

  it('never names a statement without parameters (it may hold several statements)', () => {
    const named = createStatementNamer();
    for (let i = 0; i < 5; i++) expect(named('BEGIN; SELECT 1; COMMIT').name).toBeUndefined();
    for (let i = 0; i < 5; i++) expect(named('SELECT 1', []).name).toBeUndefined();
  });

  it('stops naming after 2,000 statements, so texts with values written in them cannot pile up', () => {
    const named = createStatementNamer();
    let names = 0;
    for (let i = 0; i < 2_100; i++) {
      const text = `SELECT ${i} WHERE $1::int > 0`;
      for (let run = 0; run < 3; run++) if (named(text, [1]).name && run === 2) names++;
    }
    expect(names).toBe(2_000);
  });
});
