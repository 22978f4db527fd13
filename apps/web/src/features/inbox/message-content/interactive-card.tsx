import type { Interactive } from '@charla/contracts';
import { ExternalLink, List, Reply } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuLabel,
  DropdownMenuTrigger,
} from '../../../ui/dropdown-menu';
import { MessageText } from './message-text';

const rowClasses =
  'flex w-full items-center justify-center gap-1.5 border-t border-black/10 px-3 py-2 text-sm font-medium text-sky-700 dark:border-white/10 dark:text-sky-300';

/**
 * Buttons, a list or a link button the business sent, drawn as the customer saw them. Only the
 * list opens (to show its rows); nothing here can be tapped on the customer's behalf.
 */
export function InteractiveCard({ interactive }: { interactive: Interactive }) {
  const { t } = useTranslation();
  return (
    <div data-testid="interactive-card" data-kind={interactive.kind} className="w-72 max-w-full">
      <div className="px-1 pb-1">
        {interactive.header ? (
          <p className="mb-0.5 font-semibold [overflow-wrap:anywhere]">{interactive.header}</p>
        ) : null}
        <MessageText text={interactive.body} />
        {interactive.footer ? (
          <p className="mt-1 text-xs text-neutral-500 [overflow-wrap:anywhere] dark:text-neutral-400">
            {interactive.footer}
          </p>
        ) : null}
      </div>
      <div className="-mx-2.5 mt-1" title={t('inbox.interactive.visualOnly')}>
        {interactive.kind === 'buttons'
          ? interactive.buttons.map((button) => (
              <VisualButton key={button.id} icon={<Reply aria-hidden className="size-4" />}>
                {button.title}
              </VisualButton>
            ))
          : null}
        {interactive.kind === 'cta_url' && interactive.cta ? (
          <VisualButton icon={<ExternalLink aria-hidden className="size-4" />} title={interactive.cta.url}>
            {interactive.cta.displayText}
          </VisualButton>
        ) : null}
        {interactive.kind === 'list' && interactive.list ? <ListButton list={interactive.list} /> : null}
      </div>
    </div>
  );
}

function VisualButton({ icon, title, children }: { icon: ReactNode; title?: string; children: ReactNode }) {
  return (
    <button type="button" disabled title={title} className={`${rowClasses} cursor-default`}>
      {icon}
      <span className="[overflow-wrap:anywhere]">{children}</span>
    </button>
  );
}

function ListButton({ list }: { list: NonNullable<Interactive['list']> }) {
  const { t } = useTranslation();
  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        className={`${rowClasses} hover:bg-black/5 dark:hover:bg-white/5`}
        data-testid="list-button"
      >
        <List aria-hidden className="size-4" />
        <span className="[overflow-wrap:anywhere]">{list.button}</span>
      </DropdownMenuTrigger>
      <DropdownMenuContent
        aria-label={t('inbox.interactive.listSections')}
        className="max-h-80 w-72 overflow-y-auto"
        data-testid="list-sections"
      >
        {list.sections.map((section, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: sections have no id; their order is fixed
          <div key={index}>
            {section.title ? <DropdownMenuLabel>{section.title}</DropdownMenuLabel> : null}
            {section.rows.map((row) => (
              <div key={row.id} className="rounded-md px-2.5 py-1.5 text-sm">
                <p className="font-medium text-neutral-800 dark:text-neutral-100">{row.title}</p>
                {row.description ? (
                  <p className="text-xs text-neutral-500 dark:text-neutral-400">{row.description}</p>
                ) : null}
              </div>
            ))}
          </div>
        ))}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
