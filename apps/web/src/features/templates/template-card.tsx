import type { TemplateMessage } from '@charla/contracts';
import { Copy, ExternalLink, FileText, Film, Image, List, MapPin, Phone, Reply } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { cn } from '../../lib/cn';
import { formatWhatsApp } from './whatsapp-format';

export type RenderedTemplate = Omit<TemplateMessage, 'templateId'>;

/** WhatsApp draws at most three buttons; with more, two and a "See all options" row. */
export function visibleButtons<T>(buttons: T[]): { shown: T[]; hasMore: boolean } {
  return buttons.length > 3
    ? { shown: buttons.slice(0, 2), hasMore: true }
    : { shown: buttons, hasMore: false };
}

/** A template's text with WhatsApp's formatting; customer-facing values are rendered as text. */
export function FormattedText({ text, className }: { text: string; className?: string }) {
  return (
    <p className={cn('break-words whitespace-pre-wrap [overflow-wrap:anywhere]', className)}>
      {formatWhatsApp(text).map((run, index) => (
        <span
          // biome-ignore lint/suspicious/noArrayIndexKey: runs have no identity beyond their place
          key={index}
          className={cn(
            run.bold && 'font-semibold',
            run.italic && 'italic',
            run.strike && 'line-through',
            run.mono && 'font-mono text-[0.92em]',
            run.variable &&
              'rounded bg-amber-100 px-0.5 text-amber-900 dark:bg-amber-900/60 dark:text-amber-100',
          )}
        >
          {run.text}
        </span>
      ))}
    </p>
  );
}

const mediaIcons = { image: Image, video: Film, document: FileText, location: MapPin } as const;

/** The file a media header shows in a preview (the sample being edited): a picture, or its name. */
export type HeaderMediaPreview = { url: string; filename: string | null };

/** Header, body and footer of the bubble, as the customer's phone shows them. */
export function TemplateBubbleBody({
  template,
  headerMedia,
}: {
  template: RenderedTemplate;
  headerMedia?: HeaderMediaPreview | null;
}) {
  const { t } = useTranslation();
  const format = template.headerFormat;
  return (
    <div className="flex flex-col gap-1">
      {format === 'image' && headerMedia ? (
        <img
          src={headerMedia.url}
          alt={headerMedia.filename ?? t('templates.header.image')}
          className="-mx-1 -mt-0.5 mb-1 aspect-[1.91/1] w-[calc(100%+0.5rem)] max-w-none rounded-md object-cover"
          data-testid="template-header-media"
        />
      ) : format && format !== 'text' ? (
        <div
          className="-mx-1 -mt-0.5 mb-1 flex aspect-[1.91/1] items-center justify-center rounded-md bg-neutral-200/80 px-2 text-neutral-500 dark:bg-neutral-700/60 dark:text-neutral-300"
          data-testid="template-header-media"
        >
          {(() => {
            const Icon = mediaIcons[format];
            return (
              <span className="flex min-w-0 max-w-full flex-col items-center gap-1 text-xs">
                <Icon aria-hidden className="size-8" />
                <span className="max-w-full truncate">
                  {headerMedia?.filename ?? t(`templates.header.${format}`)}
                </span>
              </span>
            );
          })()}
        </div>
      ) : null}
      {format === 'text' && template.headerText ? (
        <FormattedText text={template.headerText} className="font-semibold" />
      ) : null}
      {template.body ? <FormattedText text={template.body} /> : null}
      {template.footer ? (
        <p className="text-[13px] text-neutral-500 [overflow-wrap:anywhere] dark:text-neutral-400">
          {template.footer}
        </p>
      ) : null}
    </div>
  );
}

const buttonIcons = { quick_reply: Reply, url: ExternalLink, phone_number: Phone, copy_code: Copy } as const;

export function TemplateButtonLabel({ button }: { button: RenderedTemplate['buttons'][number] }) {
  const { t } = useTranslation();
  const Icon = buttonIcons[button.type];
  const label = button.type === 'copy_code' ? t('templates.preview.copyCode') : button.text;
  return (
    <>
      <Icon aria-hidden className="size-4 shrink-0" />
      <span className="truncate">{label || '…'}</span>
    </>
  );
}

/** The rows WhatsApp draws under a template; nothing here can be tapped on the customer's behalf. */
export function TemplateButtonRows({
  buttons,
  rowClassName,
  renderRow = (children, className, key) => (
    <div key={key} className={className}>
      {children}
    </div>
  ),
}: {
  buttons: RenderedTemplate['buttons'];
  rowClassName: string;
  renderRow?: (children: ReactNode, className: string, key: string) => ReactNode;
}) {
  const { t } = useTranslation();
  const { shown, hasMore } = visibleButtons(buttons);
  return (
    <>
      {shown.map((button, index) =>
        renderRow(<TemplateButtonLabel button={button} />, rowClassName, `${index}-${button.type}`),
      )}
      {hasMore
        ? renderRow(
            <>
              <List aria-hidden className="size-4 shrink-0" />
              <span>{t('templates.preview.seeAll')}</span>
            </>,
            rowClassName,
            'more',
          )
        : null}
    </>
  );
}
