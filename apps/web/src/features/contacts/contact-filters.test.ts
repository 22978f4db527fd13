import { describe, expect, it } from 'vitest';
import { contactFiltersToQuery } from './contact-filters';

describe('contactFiltersToQuery', () => {
  it('encodes tags and conditions as repeated parameters', () => {
    expect(
      contactFiltersToQuery({
        q: ' ana ',
        tags: ['vip', 'lead'],
        optIn: 'opted_in',
        attributes: [
          { key: 'orders', op: 'gt', value: 3 },
          { key: 'plan', op: 'is_set', value: null },
          { key: 'note', op: 'contains', value: 'a:b' },
        ],
      }),
    ).toBe(
      'q=ana&tag=vip&tag=lead&optIn=opted_in&attr=orders%3Agt%3A3&attr=plan%3Ais_set&attr=note%3Acontains%3Aa%3Ab',
    );
    expect(contactFiltersToQuery({}, 'c')).toBe('cursor=c');
  });
});
