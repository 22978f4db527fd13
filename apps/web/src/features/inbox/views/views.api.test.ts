import { describe, expect, it } from 'vitest';
import { sameFilters } from './views.api';

describe('sameFilters', () => {
  it('ignores empty values and key order', () => {
    expect(sameFilters({ status: 'open', label: 'x' }, { label: 'x', status: 'open', team: undefined })).toBe(
      true,
    );
    expect(sameFilters({ tags: [] }, {})).toBe(true);
    expect(sameFilters({ status: 'open' }, { status: 'resolved' })).toBe(false);
    expect(sameFilters({ status: 'open' }, {})).toBe(false);
  });
});
