import type { TemplateDraft } from '@charla/contracts';
import type { DraftIssues } from './use-draft-issues';

/** What every block of the editor gets: the draft, a way to change it (naming the field edited), its errors. */
export type EditorBlockProps = {
  draft: TemplateDraft;
  onChange: (patch: Partial<TemplateDraft>, touchedPath: string) => void;
  issues: DraftIssues;
  isReadOnly: boolean;
  /** What WhatsApp no longer lets change: name and language once submitted, category once approved. */
  locked: { identity: boolean; category: boolean };
};

export const sectionClasses =
  'flex flex-col gap-4 rounded-xl border border-neutral-200 bg-white p-4 sm:p-5 dark:border-neutral-800 dark:bg-neutral-900';

export const sectionTitleClasses = 'text-sm font-semibold text-neutral-900 dark:text-neutral-100';
