import type { SendMessageRequest, Template } from '@charla/contracts';
import { FileText, Search } from 'lucide-react';
import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert } from '../../../ui/alert';
import { buttonClasses } from '../../../ui/button';
import { Dialog, DialogContent } from '../../../ui/dialog';
import { EmptyState } from '../../../ui/empty-state';
import { Input } from '../../../ui/input';
import { Spinner } from '../../../ui/spinner';
import { canManageMembers, useSession } from '../../auth/require-auth';
import { useChannels } from '../../settings/settings.api';
import { filterTemplates } from '../../templates/template-filters';
import { languageName } from '../../templates/template-languages';
import { useTemplates, wabaIdOf } from '../../templates/templates.api';
import { useThread } from '../inbox.api';
import { TemplateValuesForm } from './template-values-form';

type TemplatePickerDialogProps = {
  conversationId: string;
  onSend: (request: SendMessageRequest) => Promise<unknown>;
  onClose: () => void;
};

/** Choose an approved template of this number's WhatsApp account, fill its variables, send it. */
export function TemplatePickerDialog({ conversationId, onSend, onClose }: TemplatePickerDialogProps) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<Template | null>(null);
  return (
    <Dialog open onOpenChange={(open) => (open ? undefined : onClose())}>
      <DialogContent
        title={chosen ? t('templates.picker.fillTitle', { name: chosen.name }) : t('templates.picker.title')}
        size="xl"
        className="sm:min-h-[min(640px,calc(100dvh-2rem))]"
      >
        {chosen ? (
          <TemplateValuesForm
            conversationId={conversationId}
            template={chosen}
            onBack={() => setChosen(null)}
            onSend={onSend}
            onSent={onClose}
          />
        ) : (
          <TemplateChooser conversationId={conversationId} onChoose={setChosen} />
        )}
      </DialogContent>
    </Dialog>
  );
}

function TemplateChooser({
  conversationId,
  onChoose,
}: {
  conversationId: string;
  onChoose: (t: Template) => void;
}) {
  const { t, i18n } = useTranslation();
  const { role } = useSession();
  const [search, setSearch] = useState('');
  const query = useDeferredValue(search);
  const conversation = useThread(conversationId).data?.pages[0]?.conversation ?? null;
  const channels = useChannels();
  const channel = channels.data?.find((c) => c.id === conversation?.channelId) ?? null;
  const wabaId = channel ? wabaIdOf(channel) : null;
  const templates = useTemplates(wabaId, 'approved');
  const approved = filterTemplates(
    (templates.data ?? []).filter((template) => template.status === 'approved'),
    'approved',
    query,
  );

  if (channels.isPending || (wabaId && templates.isPending)) {
    return (
      <div className="flex flex-1 items-center justify-center py-10 text-brand-600">
        <Spinner />
      </div>
    );
  }
  if (!wabaId || (templates.data ?? []).length === 0) {
    return (
      <EmptyState
        icon={FileText}
        title={t('templates.picker.noneTitle')}
        description={t('templates.picker.noneBody')}
        action={
          canManageMembers(role) ? (
            <Link to="/templates" className={buttonClasses('secondary')}>
              {t('templates.picker.manage')}
            </Link>
          ) : undefined
        }
      />
    );
  }
  return (
    <div className="flex min-h-0 flex-col gap-3">
      {templates.isError ? <Alert tone="error">{t('errors.unknown')}</Alert> : null}
      <div className="relative">
        <label htmlFor="template-picker-search" className="sr-only">
          {t('templates.picker.search')}
        </label>
        <Search aria-hidden className="absolute top-1/2 left-3 size-4 -translate-y-1/2 text-neutral-400" />
        <Input
          id="template-picker-search"
          type="search"
          autoFocus
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          placeholder={t('templates.picker.search')}
          className="pl-9"
          data-testid="template-picker-search"
        />
      </div>
      {approved.length === 0 ? (
        <p className="py-8 text-center text-sm text-neutral-500">{t('templates.list.noMatch')}</p>
      ) : (
        <ul className="flex flex-col divide-y divide-neutral-100 overflow-y-auto rounded-lg border border-neutral-200 dark:divide-neutral-800 dark:border-neutral-800">
          {approved.map((template) => (
            <li key={template.id}>
              <button
                type="button"
                onClick={() => onChoose(template)}
                className="flex w-full flex-col gap-1 px-4 py-3 text-left hover:bg-neutral-50 focus-visible:bg-neutral-50 focus-visible:outline-none dark:hover:bg-neutral-800/60"
                data-testid="template-picker-item"
                data-name={template.name}
              >
                <span className="flex flex-wrap items-center gap-2">
                  <span className="font-mono text-sm font-semibold text-neutral-900 dark:text-neutral-100">
                    {template.name}
                  </span>
                  <span className="rounded bg-neutral-100 px-1.5 py-0.5 text-[11px] text-neutral-600 dark:bg-neutral-800 dark:text-neutral-300">
                    {t(`templates.category.${template.category}.label`)}
                  </span>
                  <span className="text-xs text-neutral-500">
                    {languageName(template.language, i18n.language)}
                  </span>
                </span>
                <span className="line-clamp-2 text-sm text-neutral-600 dark:text-neutral-400">
                  {template.body}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
