import type { Interactive } from '@charla/contracts';

/** WhatsApp's limits for interactive messages (Cloud API reference, "Interactive messages"). */
export const interactiveLimits = {
  header: 60,
  body: 1024,
  footer: 60,
  buttons: 3,
  buttonTitle: 20,
  listButton: 20,
  sectionTitle: 24,
  sections: 10,
  rows: 10,
  rowTitle: 24,
  rowDescription: 72,
  ctaText: 20,
  ctaUrl: 2000,
} as const;

export type InteractiveKind = Interactive['kind'];
export type RowDraft = { title: string; description: string };
export type SectionDraft = { title: string; rows: RowDraft[] };
export type InteractiveDraft = {
  kind: InteractiveKind;
  header: string;
  body: string;
  footer: string;
  buttons: string[];
  listButton: string;
  sections: SectionDraft[];
  ctaText: string;
  ctaUrl: string;
};

/** What is wrong, as an i18n key under `inbox.interactive.errors` plus its values. */
export type InteractiveProblem = { field: string; code: string; values?: Record<string, number> };

export function emptyInteractiveDraft(kind: InteractiveKind = 'buttons'): InteractiveDraft {
  return {
    kind,
    header: '',
    body: '',
    footer: '',
    buttons: [''],
    listButton: '',
    sections: [{ title: '', rows: [{ title: '', description: '' }] }],
    ctaText: '',
    ctaUrl: '',
  };
}

const tooLong = (field: string, max: number): InteractiveProblem => ({
  field,
  code: 'tooLong',
  values: { max },
});
const required = (field: string): InteractiveProblem => ({ field, code: 'required' });

function checkLength(problems: InteractiveProblem[], field: string, value: string, max: number) {
  if ([...value].length > max) problems.push(tooLong(field, max));
}

/** A `https://` address with a host, which is all WhatsApp accepts on a link button. */
export function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value.trim());
    return url.protocol === 'https:' && url.hostname.length > 0;
  } catch {
    return false;
  }
}

/**
 * Every way the draft breaks WhatsApp's rules, keyed by field (`buttons.1`, `sections.0.rows.2.title`).
 * Mirrors the Cloud API so agents see the problem before sending; the server checks again.
 */
export function validateInteractive(draft: InteractiveDraft): InteractiveProblem[] {
  const problems: InteractiveProblem[] = [];
  checkLength(problems, 'header', draft.header.trim(), interactiveLimits.header);
  if (!draft.body.trim()) problems.push(required('body'));
  checkLength(problems, 'body', draft.body.trim(), interactiveLimits.body);
  checkLength(problems, 'footer', draft.footer.trim(), interactiveLimits.footer);

  if (draft.kind === 'buttons') {
    if (draft.buttons.length > interactiveLimits.buttons)
      problems.push({ field: 'buttons', code: 'tooManyButtons', values: { max: interactiveLimits.buttons } });
    const seen = new Set<string>();
    draft.buttons.forEach((raw, index) => {
      const title = raw.trim();
      const field = `buttons.${index}`;
      if (!title) problems.push(required(field));
      checkLength(problems, field, title, interactiveLimits.buttonTitle);
      const key = title.toLocaleLowerCase();
      if (title && seen.has(key)) problems.push({ field, code: 'duplicate' });
      seen.add(key);
    });
  }

  if (draft.kind === 'list') {
    if (!draft.listButton.trim()) problems.push(required('listButton'));
    checkLength(problems, 'listButton', draft.listButton.trim(), interactiveLimits.listButton);
    const rowCount = draft.sections.reduce((sum, section) => sum + section.rows.length, 0);
    if (rowCount === 0) problems.push({ field: 'sections', code: 'noRows' });
    if (rowCount > interactiveLimits.rows)
      problems.push({ field: 'sections', code: 'tooManyRows', values: { max: interactiveLimits.rows } });
    const seenRows = new Set<string>();
    draft.sections.forEach((section, s) => {
      const title = section.title.trim();
      // WhatsApp wants a title on every section once there is more than one.
      if (!title && draft.sections.length > 1) problems.push(required(`sections.${s}.title`));
      checkLength(problems, `sections.${s}.title`, title, interactiveLimits.sectionTitle);
      section.rows.forEach((row, r) => {
        const field = `sections.${s}.rows.${r}`;
        const rowTitle = row.title.trim();
        if (!rowTitle) problems.push(required(`${field}.title`));
        checkLength(problems, `${field}.title`, rowTitle, interactiveLimits.rowTitle);
        checkLength(
          problems,
          `${field}.description`,
          row.description.trim(),
          interactiveLimits.rowDescription,
        );
        const key = rowTitle.toLocaleLowerCase();
        if (rowTitle && seenRows.has(key)) problems.push({ field: `${field}.title`, code: 'duplicate' });
        seenRows.add(key);
      });
    });
  }

  if (draft.kind === 'cta_url') {
    if (!draft.ctaText.trim()) problems.push(required('ctaText'));
    checkLength(problems, 'ctaText', draft.ctaText.trim(), interactiveLimits.ctaText);
    if (!draft.ctaUrl.trim()) problems.push(required('ctaUrl'));
    else if (!isHttpsUrl(draft.ctaUrl)) problems.push({ field: 'ctaUrl', code: 'notHttps' });
    else checkLength(problems, 'ctaUrl', draft.ctaUrl.trim(), interactiveLimits.ctaUrl);
  }
  return problems;
}

const orNull = (value: string) => value.trim() || null;

/** The message to send, in Charla's neutral shape; ids are stable per position. */
export function toInteractive(draft: InteractiveDraft): Interactive {
  let rowNumber = 0;
  return {
    kind: draft.kind,
    header: orNull(draft.header),
    body: draft.body.trim(),
    footer: orNull(draft.footer),
    buttons:
      draft.kind === 'buttons'
        ? draft.buttons.map((title, index) => ({ id: `btn-${index + 1}`, title: title.trim() }))
        : [],
    list:
      draft.kind === 'list'
        ? {
            button: draft.listButton.trim(),
            sections: draft.sections.map((section) => ({
              title: orNull(section.title),
              rows: section.rows.map((row) => {
                rowNumber += 1;
                return {
                  id: `row-${rowNumber}`,
                  title: row.title.trim(),
                  description: orNull(row.description),
                };
              }),
            })),
          }
        : null,
    cta: draft.kind === 'cta_url' ? { displayText: draft.ctaText.trim(), url: draft.ctaUrl.trim() } : null,
  };
}

/** Rows across all sections: WhatsApp counts them together. */
export function countRows(draft: Pick<InteractiveDraft, 'sections'>): number {
  return draft.sections.reduce((sum, section) => sum + section.rows.length, 0);
}
