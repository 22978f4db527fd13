import { TEMPLATE_LIMITS, templateVariables } from '@charla/contracts/template-rules';
import { Braces, Plus } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/button';
import { Field } from '../../ui/field';
import { Input, Textarea } from '../../ui/input';
import { type EditorBlockProps, sectionClasses, sectionTitleClasses } from './editor-types';
import { insertAt, variableToInsert } from './template-draft';

/** The message text, its variables with one example each, and the footer. */
export function EditorBody({ draft, onChange, issues, isReadOnly }: EditorBlockProps) {
  const { t } = useTranslation();
  const [variableName, setVariableName] = useState('');
  const [isNaming, setIsNaming] = useState(false);
  const variables = templateVariables(draft).body;
  const bodyError = issues.errorFor('body');
  const isNamed = draft.parameterFormat === 'named';
  const nameIsValid = TEMPLATE_LIMITS.namedParameterPattern.test(variableName.trim());

  const insert = (name: string) => {
    const variable = variableToInsert(draft, name);
    if (!variable) return;
    // The shared Textarea takes no ref; the id is this form's own.
    const textarea = document.getElementById('template-body-text') as HTMLTextAreaElement | null;
    const { text, cursor } = insertAt(draft.body, variable, textarea ? textarea.selectionStart : null);
    onChange({ body: text }, 'body');
    setVariableName('');
    setIsNaming(false);
    requestAnimationFrame(() => {
      textarea?.focus();
      textarea?.setSelectionRange(cursor, cursor);
    });
  };

  const onAddNamed = (event: FormEvent) => {
    event.preventDefault();
    if (nameIsValid) insert(variableName);
  };

  return (
    <section className={sectionClasses} aria-labelledby="template-body">
      <h2 id="template-body" className={sectionTitleClasses}>
        {t('templates.editor.body')}
      </h2>
      <Field
        id="template-body-text"
        label={t('templates.editor.bodyLabel')}
        error={bodyError}
        hint={t('templates.editor.bodyHint')}
      >
        <Textarea
          id="template-body-text"
          rows={6}
          value={draft.body}
          onChange={(event) => onChange({ body: event.target.value }, 'body')}
          disabled={isReadOnly}
          aria-invalid={bodyError !== null}
          aria-describedby={bodyError ? 'template-body-text-error' : 'template-body-text-hint'}
          placeholder={t('templates.editor.bodyPlaceholder', {
            example: isNamed ? '{{first_name}}' : '{{1}}',
          })}
          data-testid="template-body"
        />
      </Field>
      <div className="-mt-2 flex flex-wrap items-center justify-between gap-2">
        {isReadOnly ? (
          <span />
        ) : isNamed && isNaming ? (
          <div className="flex flex-wrap items-center gap-2">
            <Input
              aria-label={t('templates.editor.variableName')}
              placeholder="first_name"
              value={variableName}
              onChange={(event) => setVariableName(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') onAddNamed(event);
                if (event.key === 'Escape') setIsNaming(false);
              }}
              className="h-8 w-44 font-mono"
              autoFocus
              data-testid="template-variable-name"
            />
            <Button
              size="sm"
              onClick={onAddNamed}
              disabled={!nameIsValid}
              data-testid="template-variable-insert"
            >
              {t('templates.editor.insert')}
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setIsNaming(false)}>
              {t('common.cancel')}
            </Button>
            {variableName !== '' && !nameIsValid ? (
              <span className="basis-full text-xs text-red-600 dark:text-red-400">
                {t('templates.editor.variableNameRule')}
              </span>
            ) : null}
          </div>
        ) : (
          <Button
            size="sm"
            variant="secondary"
            onClick={() => (isNamed ? setIsNaming(true) : insert(''))}
            data-testid="template-add-variable"
          >
            <Plus aria-hidden className="size-4" />
            {t('templates.editor.addVariable')}
          </Button>
        )}
        <span className="text-xs text-neutral-500 tabular-nums">
          {draft.body.length}/{TEMPLATE_LIMITS.bodyMaxLength}
        </span>
      </div>
      {variables.length > 0 ? (
        <div
          className="flex flex-col gap-3 rounded-lg bg-neutral-50 p-3 dark:bg-neutral-800/50"
          data-testid="template-examples"
        >
          <p className="flex items-center gap-1.5 text-xs font-medium text-neutral-700 dark:text-neutral-300">
            <Braces aria-hidden className="size-3.5" />
            {t('templates.editor.examplesTitle')}
          </p>
          {variables.map((name) => {
            const path = `bodyExamples.${name}`;
            return (
              <Field
                key={name}
                id={`template-example-${name}`}
                label={t('templates.editor.exampleFor', { name })}
                error={issues.errorFor(path)}
              >
                <Input
                  id={`template-example-${name}`}
                  value={draft.bodyExamples[name] ?? ''}
                  onChange={(event) =>
                    onChange({ bodyExamples: { ...draft.bodyExamples, [name]: event.target.value } }, path)
                  }
                  disabled={isReadOnly}
                  aria-invalid={issues.errorFor(path) !== null}
                  data-testid={`template-example-${name}`}
                />
              </Field>
            );
          })}
          <p className="text-xs text-neutral-500 dark:text-neutral-400">
            {t('templates.editor.exampleHint')}
          </p>
        </div>
      ) : null}
      <Field
        id="template-footer"
        label={`${t('templates.editor.footer')} ${t('templates.editor.optional')}`}
        error={issues.errorFor('footer')}
        hint={t('templates.editor.footerHint', {
          length: draft.footer?.length ?? 0,
          max: TEMPLATE_LIMITS.footerMaxLength,
        })}
      >
        <Input
          id="template-footer"
          value={draft.footer ?? ''}
          onChange={(event) => onChange({ footer: event.target.value || null }, 'footer')}
          disabled={isReadOnly}
          placeholder={t('templates.editor.footerPlaceholder')}
          data-testid="template-footer"
        />
      </Field>
    </section>
  );
}
