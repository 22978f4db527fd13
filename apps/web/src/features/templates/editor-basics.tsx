import type { ParameterFormat, TemplateCategory } from '@charla/contracts';
import { TEMPLATE_LIMITS } from '@charla/contracts/template-rules';
import { useTranslation } from 'react-i18next';
import { cn } from '../../lib/cn';
import { Field } from '../../ui/field';
import { Input } from '../../ui/input';
import { type EditorBlockProps, sectionClasses, sectionTitleClasses } from './editor-types';
import { suggestName } from './template-draft';
import { commonTemplateLanguages, languageName } from './template-languages';

const categories: TemplateCategory[] = ['utility', 'marketing', 'authentication'];
const formats: ParameterFormat[] = ['named', 'positional'];

/** Name, language, category and how variables are written. */
export function EditorBasics({ draft, onChange, issues, isReadOnly, locked }: EditorBlockProps) {
  const { t, i18n } = useTranslation();
  const nameError = issues.errorFor('name');
  const suggestion = suggestName(draft.name);
  const showSuggestion =
    draft.name !== '' &&
    !TEMPLATE_LIMITS.namePattern.test(draft.name) &&
    suggestion !== '' &&
    !isReadOnly &&
    !locked.identity;

  return (
    <section className={sectionClasses} aria-labelledby="template-basics">
      <h2 id="template-basics" className={sectionTitleClasses}>
        {t('templates.editor.basics')}
      </h2>
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="flex flex-col gap-1.5">
          <Field
            id="template-name"
            label={t('templates.editor.name')}
            error={nameError}
            hint={locked.identity ? t('templates.locked') : t('templates.editor.nameHint')}
          >
            <Input
              id="template-name"
              value={draft.name}
              onChange={(event) => onChange({ name: event.target.value }, 'name')}
              placeholder={t('templates.editor.namePlaceholder')}
              autoComplete="off"
              spellCheck={false}
              maxLength={TEMPLATE_LIMITS.nameMaxLength}
              aria-invalid={nameError !== null}
              aria-describedby={nameError ? 'template-name-error' : 'template-name-hint'}
              disabled={isReadOnly || locked.identity}
              data-testid="template-name"
              className="font-mono"
            />
          </Field>
          {showSuggestion ? (
            <button
              type="button"
              className="self-start text-xs font-medium text-brand-700 hover:underline dark:text-brand-300"
              onClick={() => onChange({ name: suggestion }, 'name')}
              data-testid="template-name-suggestion"
            >
              {t('templates.editor.useName', { name: suggestion })}
            </button>
          ) : null}
        </div>
        <Field
          id="template-language"
          label={t('templates.editor.language')}
          error={issues.errorFor('language')}
          hint={`${languageName(draft.language, i18n.language)} · ${locked.identity ? t('templates.locked') : t('templates.editor.languageHint')}`}
        >
          <Input
            id="template-language"
            list="template-language-options"
            value={draft.language}
            onChange={(event) => onChange({ language: event.target.value.trim() }, 'language')}
            autoComplete="off"
            spellCheck={false}
            disabled={isReadOnly || locked.identity}
            data-testid="template-language"
            aria-describedby="template-language-hint"
          />
          <datalist id="template-language-options">
            {commonTemplateLanguages.map((code) => (
              <option key={code} value={code}>
                {languageName(code, i18n.language)}
              </option>
            ))}
          </datalist>
        </Field>
      </div>
      <fieldset className="flex flex-col gap-2" disabled={isReadOnly || locked.category}>
        <legend className="mb-1.5 text-sm font-medium text-neutral-800 dark:text-neutral-200">
          {t('templates.editor.category')}
        </legend>
        <div className="grid gap-2 sm:grid-cols-3">
          {categories.map((category) => (
            <OptionCard
              key={category}
              name="template-category"
              value={category}
              checked={draft.category === category}
              onSelect={() => onChange({ category }, 'category')}
              title={t(`templates.category.${category}.label`)}
              description={t(`templates.category.${category}.help`)}
              testId={`template-category-${category}`}
            />
          ))}
        </div>
        <p className="text-xs text-neutral-500 dark:text-neutral-400">
          {locked.category && !isReadOnly ? `${t('templates.categoryLocked')} ` : ''}
          {t('templates.editor.pricing')}
        </p>
      </fieldset>
      <fieldset className="flex flex-col gap-2" disabled={isReadOnly}>
        <legend className="mb-1.5 text-sm font-medium text-neutral-800 dark:text-neutral-200">
          {t('templates.editor.parameterFormat')}
        </legend>
        <div className="grid gap-2 sm:grid-cols-2">
          {formats.map((format) => (
            <OptionCard
              key={format}
              name="template-format"
              value={format}
              checked={draft.parameterFormat === format}
              onSelect={() => onChange({ parameterFormat: format }, 'parameterFormat')}
              title={t(`templates.format.${format}.label`)}
              description={t(`templates.format.${format}.help`, {
                example: format === 'named' ? '{{first_name}}' : '{{1}}, {{2}}',
              })}
              testId={`template-format-${format}`}
            />
          ))}
        </div>
      </fieldset>
    </section>
  );
}

type OptionCardProps = {
  name: string;
  value: string;
  checked: boolean;
  onSelect: () => void;
  title: string;
  description: string;
  testId: string;
};

function OptionCard({ name, value, checked, onSelect, title, description, testId }: OptionCardProps) {
  return (
    <label
      className={cn(
        'flex cursor-pointer gap-2.5 rounded-lg border p-3 text-sm transition-colors has-[:disabled]:cursor-default',
        checked
          ? 'border-brand-600 bg-brand-50/60 ring-1 ring-brand-600 dark:bg-brand-950/40'
          : 'border-neutral-200 hover:border-neutral-300 dark:border-neutral-700',
      )}
      data-testid={testId}
    >
      <input
        type="radio"
        name={name}
        value={value}
        checked={checked}
        onChange={onSelect}
        className="mt-0.5 accent-brand-600"
      />
      <span>
        <span className="block font-medium text-neutral-900 dark:text-neutral-100">{title}</span>
        <span className="mt-0.5 block text-xs text-neutral-600 dark:text-neutral-400">{description}</span>
      </span>
    </label>
  );
}
