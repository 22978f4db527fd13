import { ConversationSchema } from '@charla/contracts';
import { describe, expect, it } from 'vitest';
import { en } from '../../../i18n/en';
import { es } from '../../../i18n/es';

// `inbox.filters.statuses.${status}` is built at runtime, so i18n.test.ts cannot see it.
describe('filter translations', () => {
  it.each([
    ['es', es],
    ['en', en],
  ] as const)('%s names every conversation status', (_, language) => {
    const missing = ConversationSchema.shape.status.options.filter(
      (status) => !(status in language.inbox.filters.statuses),
    );
    expect(missing).toEqual([]);
  });
});
