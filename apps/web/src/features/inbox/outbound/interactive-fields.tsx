import { Plus, X } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../ui/button';
import { CountedField } from './counted-field';
import {
  countRows,
  type InteractiveDraft,
  interactiveLimits as limits,
  type SectionDraft,
} from './interactive-limits';

type FieldsProps = {
  draft: InteractiveDraft;
  onChange: (draft: InteractiveDraft) => void;
  errorOf: (field: string) => string | null;
};

function RemoveButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <Button
      variant="ghost"
      size="icon"
      className="mt-6 shrink-0"
      aria-label={label}
      title={label}
      onClick={onClick}
    >
      <X aria-hidden className="size-4" />
    </Button>
  );
}

/** Up to three quick-reply buttons, each title ≤ 20 characters and different from the others. */
export function ButtonsFields({ draft, onChange, errorOf }: FieldsProps) {
  const { t } = useTranslation();
  const setButton = (index: number, value: string) =>
    onChange({ ...draft, buttons: draft.buttons.map((b, i) => (i === index ? value : b)) });
  return (
    <fieldset className="flex flex-col gap-3">
      <legend className="mb-2 text-sm font-medium">{t('inbox.interactive.buttonsLegend')}</legend>
      {draft.buttons.map((title, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: buttons are identified by position until sent
        <div key={index} className="flex items-start gap-2">
          <div className="min-w-0 flex-1">
            <CountedField
              id={`interactive-button-${index}`}
              testId={`interactive-button-${index}`}
              label={t('inbox.interactive.buttonN', { number: index + 1 })}
              value={title}
              max={limits.buttonTitle}
              onChange={(value) => setButton(index, value)}
              error={errorOf(`buttons.${index}`)}
            />
          </div>
          {draft.buttons.length > 1 ? (
            <RemoveButton
              label={t('inbox.interactive.removeButton')}
              onClick={() => onChange({ ...draft, buttons: draft.buttons.filter((_, i) => i !== index) })}
            />
          ) : null}
        </div>
      ))}
      {draft.buttons.length < limits.buttons ? (
        <Button
          variant="ghost"
          size="sm"
          className="self-start"
          data-testid="interactive-add-button"
          onClick={() => onChange({ ...draft, buttons: [...draft.buttons, ''] })}
        >
          <Plus aria-hidden className="size-4" />
          {t('inbox.interactive.addButton')}
        </Button>
      ) : (
        <p className="text-xs text-neutral-500 dark:text-neutral-400">{t('inbox.interactive.buttonsMax')}</p>
      )}
    </fieldset>
  );
}

/** A list: the button that opens it, then sections of rows (10 rows at most across all sections). */
export function ListFields({ draft, onChange, errorOf }: FieldsProps) {
  const { t } = useTranslation();
  const rows = countRows(draft);
  const isFull = rows >= limits.rows;
  const setSection = (s: number, section: SectionDraft) =>
    onChange({ ...draft, sections: draft.sections.map((x, i) => (i === s ? section : x)) });

  return (
    <div className="flex flex-col gap-4">
      <CountedField
        id="interactive-list-button"
        testId="interactive-list-button"
        label={t('inbox.interactive.listButton')}
        value={draft.listButton}
        max={limits.listButton}
        placeholder={t('inbox.interactive.listButtonPlaceholder')}
        onChange={(listButton) => onChange({ ...draft, listButton })}
        error={errorOf('listButton')}
      />
      <p className="text-xs text-neutral-500 dark:text-neutral-400" aria-live="polite">
        {t('inbox.interactive.rowCount', { count: rows, max: limits.rows })}
      </p>
      {errorOf('sections') ? (
        <p className="text-xs text-red-600 dark:text-red-400">{errorOf('sections')}</p>
      ) : null}
      {draft.sections.map((section, s) => (
        <fieldset
          // biome-ignore lint/suspicious/noArrayIndexKey: sections are identified by position until sent
          key={s}
          className="flex flex-col gap-3 rounded-xl border border-neutral-200 p-3 dark:border-neutral-700"
        >
          <legend className="px-1 text-sm font-medium">
            {t('inbox.interactive.sectionN', { number: s + 1 })}
          </legend>
          <div className="flex items-start gap-2">
            <div className="min-w-0 flex-1">
              <CountedField
                id={`interactive-section-${s}`}
                label={t('inbox.interactive.sectionTitle')}
                isOptional={draft.sections.length === 1}
                value={section.title}
                max={limits.sectionTitle}
                onChange={(title) => setSection(s, { ...section, title })}
                error={errorOf(`sections.${s}.title`)}
              />
            </div>
            {draft.sections.length > 1 ? (
              <RemoveButton
                label={t('inbox.interactive.removeSection')}
                onClick={() => onChange({ ...draft, sections: draft.sections.filter((_, i) => i !== s) })}
              />
            ) : null}
          </div>
          {section.rows.map((row, r) => (
            <div
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are identified by position until sent
              key={r}
              className="flex items-start gap-2 border-t border-neutral-100 pt-3 dark:border-neutral-800"
            >
              <div className="grid min-w-0 flex-1 gap-2 sm:grid-cols-2">
                <CountedField
                  id={`interactive-row-${s}-${r}`}
                  testId={`interactive-row-${s}-${r}`}
                  label={t('inbox.interactive.rowTitle', { number: r + 1 })}
                  value={row.title}
                  max={limits.rowTitle}
                  onChange={(title) =>
                    setSection(s, {
                      ...section,
                      rows: section.rows.map((x, i) => (i === r ? { ...x, title } : x)),
                    })
                  }
                  error={errorOf(`sections.${s}.rows.${r}.title`)}
                />
                <CountedField
                  id={`interactive-row-${s}-${r}-description`}
                  label={t('inbox.interactive.rowDescription')}
                  isOptional
                  value={row.description}
                  max={limits.rowDescription}
                  onChange={(description) =>
                    setSection(s, {
                      ...section,
                      rows: section.rows.map((x, i) => (i === r ? { ...x, description } : x)),
                    })
                  }
                  error={errorOf(`sections.${s}.rows.${r}.description`)}
                />
              </div>
              {section.rows.length > 1 ? (
                <RemoveButton
                  label={t('inbox.interactive.removeRow')}
                  onClick={() => setSection(s, { ...section, rows: section.rows.filter((_, i) => i !== r) })}
                />
              ) : null}
            </div>
          ))}
          <Button
            variant="ghost"
            size="sm"
            className="self-start"
            disabled={isFull}
            onClick={() =>
              setSection(s, { ...section, rows: [...section.rows, { title: '', description: '' }] })
            }
          >
            <Plus aria-hidden className="size-4" />
            {t('inbox.interactive.addRow')}
          </Button>
        </fieldset>
      ))}
      {draft.sections.length < limits.sections ? (
        <Button
          variant="secondary"
          size="sm"
          className="self-start"
          disabled={isFull}
          onClick={() =>
            onChange({
              ...draft,
              sections: [...draft.sections, { title: '', rows: [{ title: '', description: '' }] }],
            })
          }
        >
          <Plus aria-hidden className="size-4" />
          {t('inbox.interactive.addSection')}
        </Button>
      ) : null}
    </div>
  );
}

/** A link button: its text (≤ 20) and an https address. */
export function CtaFields({ draft, onChange, errorOf }: FieldsProps) {
  const { t } = useTranslation();
  return (
    <div className="flex flex-col gap-3">
      <CountedField
        id="interactive-cta-text"
        testId="interactive-cta-text"
        label={t('inbox.interactive.ctaText')}
        value={draft.ctaText}
        max={limits.ctaText}
        onChange={(ctaText) => onChange({ ...draft, ctaText })}
        error={errorOf('ctaText')}
      />
      <CountedField
        id="interactive-cta-url"
        testId="interactive-cta-url"
        label={t('inbox.interactive.ctaUrl')}
        value={draft.ctaUrl}
        max={limits.ctaUrl}
        placeholder="https://"
        onChange={(ctaUrl) => onChange({ ...draft, ctaUrl })}
        error={errorOf('ctaUrl')}
      />
    </div>
  );
}
