import { CheckCheck, ChevronLeft } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { cn } from '../../lib/cn';
import {
  type HeaderMediaPreview,
  type RenderedTemplate,
  TemplateBubbleBody,
  TemplateButtonRows,
} from './template-card';

/** A phone's chat screen with the template as the customer will get it; updates as the form changes. */
export function PhonePreview({
  template,
  businessName,
  isCompact = false,
  headerMedia = null,
}: {
  template: RenderedTemplate;
  businessName: string;
  /** The header's file, when there is one to show (the editor's sample). */
  headerMedia?: HeaderMediaPreview | null;
  /** Beside a short form (the send dialog): only as tall as the message needs on a phone. */
  isCompact?: boolean;
}) {
  const { t } = useTranslation();
  const isEmpty =
    !template.body && !template.headerFormat && !template.footer && template.buttons.length === 0;
  return (
    <figure
      className="mx-auto w-full max-w-[340px] overflow-hidden rounded-[2rem] border-[6px] border-neutral-900 bg-[#efeae2] shadow-lg dark:border-neutral-700 dark:bg-neutral-950"
      data-testid="template-preview"
    >
      <figcaption className="flex items-center gap-2 bg-[#008069] px-3 py-2.5 text-white dark:bg-neutral-800">
        <ChevronLeft aria-hidden className="size-5" />
        <span
          aria-hidden
          className="flex size-8 items-center justify-center rounded-full bg-white/25 text-sm font-semibold"
        >
          {businessName.charAt(0).toUpperCase()}
        </span>
        <span className="min-w-0">
          <span className="block truncate text-sm font-semibold">{businessName}</span>
          <span className="block text-[11px] text-white/80">{t('templates.preview.caption')}</span>
        </span>
      </figcaption>
      <div
        className={cn(
          'flex flex-col gap-1 px-3 py-4',
          isCompact ? 'min-h-40 md:min-h-[360px]' : 'min-h-[360px]',
        )}
      >
        {isEmpty ? (
          <p className="m-auto max-w-[220px] rounded-lg bg-white/70 px-3 py-2 text-center text-xs text-neutral-600 dark:bg-neutral-800/70 dark:text-neutral-300">
            {t('templates.preview.empty')}
          </p>
        ) : (
          <div className="w-[88%] max-w-[280px]">
            <div className="relative rounded-lg rounded-tl-none bg-white px-2.5 pt-1.5 pb-1 text-[14.5px] leading-snug text-neutral-900 shadow-sm dark:bg-neutral-800 dark:text-neutral-100">
              <TemplateBubbleBody template={template} headerMedia={headerMedia} />
              <p className="mt-0.5 flex items-center justify-end gap-1 text-[11px] text-neutral-500 dark:text-neutral-400">
                12:00
                <CheckCheck aria-hidden className="size-3.5 text-sky-500" />
              </p>
            </div>
            <div className="mt-1 flex flex-col gap-1" data-testid="template-preview-buttons">
              <TemplateButtonRows
                buttons={template.buttons}
                rowClassName="flex items-center justify-center gap-1.5 rounded-lg bg-white px-3 py-2 text-sm font-medium text-sky-600 shadow-sm dark:bg-neutral-800 dark:text-sky-400"
              />
            </div>
          </div>
        )}
      </div>
    </figure>
  );
}
