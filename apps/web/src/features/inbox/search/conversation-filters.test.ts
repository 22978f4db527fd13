import { describe, expect, it } from 'vitest';
import { filtersToQuery, hasFilters } from './conversation-filters';

describe('filtersToQuery', () => {
  it('is empty without filters', () => {
    expect(filtersToQuery({})).toBe('');
    expect(hasFilters({ status: undefined })).toBe(false);
  });

  it('keeps a stable order and adds the cursor last', () => {
    expect(filtersToQuery({ unread: 'true', status: 'open', window: 'closed' }, 'abc')).toBe(
      '?status=open&window=closed&unread=true&cursor=abc',
    );
    expect(filtersToQuery({}, 'x y')).toBe('?cursor=x+y');
  });
});
