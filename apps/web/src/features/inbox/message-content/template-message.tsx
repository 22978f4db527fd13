import type { TemplateMessage as SentTemplate } from '@charla/contracts';
import { ScrollText } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { TemplateBubbleBody, TemplateButtonRows } from '../../templates/template-card';

const rowClasses =
  'flex w-full items-center justify-center gap-1.5 border-t border-black/10 px-3 py-2 text-sm font-medium text-sky-700 dark:border-white/10 dark:text-sky-300';

/** A template the business sent, drawn as the customer's phone shows it, with its name above. */
export function TemplateMessage({ template }: { template: SentTemplate }) {
  const { t } = useTranslation();
  return (
    <div data-testid="template-message" data-name={template.name} className="w-72 max-w-full">
      <p className="mb-1 flex items-center gap-1 px-1 text-[11px] font-medium text-neutral-500 dark:text-neutral-400">
        <ScrollText aria-hidden className="size-3" />
        {t('templates.message.label', { name: template.name })}
      </p>
      <div className="px-1 pb-1">
        <TemplateBubbleBody template={template} />
      </div>
      {template.buttons.length > 0 ? (
        <div className="-mx-2.5 mt-1" title={t('inbox.interactive.visualOnly')}>
          <TemplateButtonRows
            buttons={template.buttons}
            rowClassName={rowClasses}
            renderRow={(children, className, key) => (
              <button key={key} type="button" disabled className={`${className} cursor-default`}>
                {children}
              </button>
            )}
          />
        </div>
      ) : null}
    </div>
  );
}
