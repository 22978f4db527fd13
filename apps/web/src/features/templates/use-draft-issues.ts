import type { TemplateDraft } from '@charla/contracts';
import { validateTemplateDraft } from '@charla/contracts/template-rules';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../lib/api';

/** The server answers `draft.name`; the rules say `name`. */
export function serverFieldPath(path: string): string {
  return path.replace(/^draft\./, '');
}

export type DraftIssues = {
  /** The message for a field: the server's after a failed save, else the rules' once the field was edited. */
  errorFor: (path: string) => string | null;
  /** Errors under a prefix (`buttons.1.`), for a block that shows them together. */
  hasErrorsUnder: (prefix: string) => boolean;
  count: number;
};

/**
 * Field errors in the UI language, from the same rules the server applies. A field shows its
 * errors once it was edited (or after a save was tried), so a fresh form is not a wall of red.
 */
export function useDraftIssues(
  draft: TemplateDraft,
  touched: ReadonlySet<string>,
  showAll: boolean,
  serverError: unknown,
): DraftIssues {
  const { i18n } = useTranslation();
  const lang = i18n.language.startsWith('es') ? 'es' : 'en';
  const issues = useMemo(() => validateTemplateDraft(draft), [draft]);
  const server = useMemo(() => {
    const map = new Map<string, string>();
    if (isApiError(serverError)) {
      for (const field of serverError.fields) map.set(serverFieldPath(field.path), field.message);
    }
    return map;
  }, [serverError]);

  const isVisible = (path: string) =>
    showAll ||
    touched.has(path) ||
    (path === 'buttons' && [...touched].some((p) => p.startsWith('buttons.')));

  const errorFor = (path: string): string | null => {
    const issue = issues.find((i) => i.path === path);
    // The server checks with the same rules: its English message has a translation right here.
    if (server.has(path) && !touched.has(path))
      return issue ? issue.message[lang] : (server.get(path) ?? null);
    return issue && isVisible(issue.path) ? issue.message[lang] : null;
  };

  return {
    errorFor,
    hasErrorsUnder: (prefix) => issues.some((i) => i.path.startsWith(prefix) && isVisible(i.path)),
    count: issues.length,
  };
}
