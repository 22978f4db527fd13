import type { threadViewEs } from './thread-view.es';

/** The thread's jump button and the @ member picker of notes (English). */
export const threadViewEn: typeof threadViewEs = {
  jumpToLatest: 'Jump to latest',
  jumpToLatestCount: 'Jump to latest ({{count}})',
  mentionPicker: 'Mention a member',
  mentionEmpty: 'No member matches',
  mentionLoading: 'Loading…',
};
