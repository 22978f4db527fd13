import type { TemplateHeader, UploadedMedia } from '@charla/contracts';
import { TEMPLATE_LIMITS, textVariables } from '@charla/contracts/template-rules';
import { Info } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { cn } from '../../lib/cn';
import { Field } from '../../ui/field';
import { Input } from '../../ui/input';
import { type EditorBlockProps, sectionClasses, sectionTitleClasses } from './editor-types';
import { HeaderSampleField } from './header-sample-field';
import { type HeaderChoice, headerFor } from './template-draft';

const choices: HeaderChoice[] = ['none', 'text', 'image', 'video', 'document', 'location'];

/** What Meta's reviewer needs for a media header (reference §4.3). */
const mediaRules = { image: 'JPG, PNG · 5 MB', video: 'MP4 · 16 MB', document: 'PDF · 100 MB' } as const;

export function EditorHeader({
  draft,
  onChange,
  issues,
  isReadOnly,
  sample,
  onSample,
}: EditorBlockProps & {
  /** The header's sample file when it was uploaded in this editor (name and size to show). */
  sample: UploadedMedia | null;
  onSample: (sample: UploadedMedia) => void;
}) {
  const { t } = useTranslation();
  const header = draft.header;
  const choice: HeaderChoice = header?.format ?? 'none';
  const setHeader = (next: TemplateHeader | null, path: string) => onChange({ header: next }, path);

  return (
    <section className={sectionClasses} aria-labelledby="template-header">
      <div>
        <h2 id="template-header" className={sectionTitleClasses}>
          {t('templates.editor.header')}{' '}
          <span className="font-normal text-neutral-500">{t('templates.editor.optional')}</span>
        </h2>
        <p className="mt-0.5 text-xs text-neutral-500 dark:text-neutral-400">
          {t('templates.editor.headerHelp')}
        </p>
      </div>
      <div className="flex flex-wrap gap-1.5">
        {choices.map((value) => (
          <button
            key={value}
            type="button"
            aria-pressed={choice === value}
            disabled={isReadOnly}
            onClick={() => setHeader(headerFor(value, header), 'header')}
            data-testid={`template-header-${value}`}
            className={cn(
              'rounded-full border px-3 py-1 text-sm transition-colors disabled:cursor-default',
              choice === value
                ? 'border-brand-600 bg-brand-600 text-white'
                : 'border-neutral-200 text-neutral-700 hover:bg-neutral-50 dark:border-neutral-700 dark:text-neutral-300 dark:hover:bg-neutral-800',
            )}
          >
            {t(`templates.header.${value}`)}
          </button>
        ))}
      </div>
      {issues.errorFor('header') ? (
        <p className="text-xs text-red-600 dark:text-red-400">{issues.errorFor('header')}</p>
      ) : null}
      {header?.format === 'text' ? (
        <>
          <Field
            id="template-header-text"
            label={t('templates.editor.headerText')}
            error={issues.errorFor('header.text')}
            hint={t('templates.editor.headerTextHint', {
              length: header.text.length,
              max: TEMPLATE_LIMITS.headerTextMaxLength,
            })}
          >
            <Input
              id="template-header-text"
              value={header.text}
              onChange={(event) => setHeader({ ...header, text: event.target.value }, 'header.text')}
              disabled={isReadOnly}
              aria-invalid={issues.errorFor('header.text') !== null}
              data-testid="template-header-text"
            />
          </Field>
          {textVariables(header.text).length > 0 ? (
            <Field
              id="template-header-example"
              label={t('templates.editor.exampleFor', { name: textVariables(header.text)[0] })}
              error={issues.errorFor('header.example')}
              hint={t('templates.editor.exampleHint')}
            >
              <Input
                id="template-header-example"
                value={header.example ?? ''}
                onChange={(event) =>
                  setHeader({ ...header, example: event.target.value || null }, 'header.example')
                }
                disabled={isReadOnly}
                data-testid="template-header-example"
              />
            </Field>
          ) : null}
        </>
      ) : null}
      {header && (header.format === 'image' || header.format === 'video' || header.format === 'document') ? (
        <div
          className="flex gap-3 rounded-lg border border-sky-200 bg-sky-50 px-3 py-2.5 text-sm text-sky-900 dark:border-sky-900 dark:bg-sky-950/50 dark:text-sky-100"
          data-testid="template-header-media-help"
        >
          <Info aria-hidden className="mt-0.5 size-4 shrink-0" />
          <div>
            <p className="font-medium">
              {t('templates.editor.mediaNeeded', {
                kind: t(`templates.header.${header.format}`),
                rules: mediaRules[header.format],
              })}
            </p>
            <p className="mt-0.5 text-sky-800 dark:text-sky-200/90">{t('templates.editor.mediaHowTo')}</p>
          </div>
        </div>
      ) : null}
      {header && (header.format === 'image' || header.format === 'video' || header.format === 'document') ? (
        <HeaderSampleField
          format={header.format}
          mediaId={header.exampleMediaId}
          sample={sample}
          onUploaded={(uploaded) => {
            onSample(uploaded);
            setHeader({ ...header, exampleMediaId: uploaded.id }, 'header.exampleMediaId');
          }}
          error={issues.errorFor('header.exampleMediaId')}
          isReadOnly={isReadOnly}
        />
      ) : null}
      {header?.format === 'location' ? (
        <p className="text-xs text-neutral-600 dark:text-neutral-400">{t('templates.editor.locationHelp')}</p>
      ) : null}
    </section>
  );
}
