import type { Conversation } from '@charla/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../lib/api';
import { queryKeys } from '../../lib/query-keys';
import { Dialog, DialogContent } from '../../ui/dialog';
import { useSession } from '../auth/require-auth';
import { notificationPermission, primeAudio, requestNotificationPermission } from './alerts';
import { type ShortcutAction, shortcutFor, stepId } from './keys';
import { useComfortSettings, writeSettings } from './settings';

const itemSelector = '[data-testid="conversation-item"], [data-testid="search-result"]';

/** Ids of the conversations shown in the list right now, top to bottom (filters and search included). */
function visibleConversationIds(): string[] {
  const ids: string[] = [];
  for (const link of document.querySelectorAll<HTMLAnchorElement>(itemSelector)) {
    const match = /\/inbox\/([^/?#]+)/.exec(link.getAttribute('href') ?? '');
    const id = match?.[1] ? decodeURIComponent(match[1]) : null;
    if (id && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

function openAssignMenu(): void {
  const trigger = document.querySelector<HTMLElement>('[data-testid="assign-menu"]');
  if (!trigger || (trigger as HTMLButtonElement).disabled) return;
  trigger.focus();
  // Radix opens its menu on ArrowDown from the focused trigger.
  trigger.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, cancelable: true }));
}

/** Inbox keyboard shortcuts; returns the help dialog's state. */
export function useInboxShortcuts(conversationId: string | undefined) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [isHelpOpen, setIsHelpOpen] = useState(false);

  useEffect(() => {
    const run = (action: ShortcutAction) => {
      switch (action) {
        case 'next':
        case 'previous': {
          const id = stepId(visibleConversationIds(), conversationId, action === 'next' ? 1 : -1);
          if (id) navigate(`/inbox/${encodeURIComponent(id)}`);
          return;
        }
        case 'resolve': {
          if (!conversationId) return;
          void api
            .patch<Conversation>(`/api/conversations/${encodeURIComponent(conversationId)}`, {
              status: 'resolved',
            })
            .catch(() => undefined)
            .finally(() => {
              void queryClient.invalidateQueries({ queryKey: queryKeys.thread(conversationId) });
              void queryClient.invalidateQueries({ queryKey: queryKeys.conversations });
            });
          return;
        }
        case 'assign':
          openAssignMenu();
          return;
        case 'search': {
          const box = document.querySelector<HTMLInputElement>('[data-testid="inbox-search"]');
          box?.focus();
          box?.select();
          return;
        }
        case 'help':
          setIsHelpOpen(true);
          return;
      }
    };
    const onKeyDown = (event: KeyboardEvent) => {
      // While a dialog or menu is open, its own keys win.
      if (document.querySelector('[role="dialog"], [role="menu"]')) return;
      const action = shortcutFor(event);
      if (!action) return;
      event.preventDefault();
      run(action);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [conversationId, navigate, queryClient]);

  return { isHelpOpen, setIsHelpOpen };
}

const rows = [
  { keys: ['j', 'Alt+↓'], label: 'comfort.shortcuts.next' },
  { keys: ['k', 'Alt+↑'], label: 'comfort.shortcuts.previous' },
  { keys: ['e'], label: 'comfort.shortcuts.resolve' },
  { keys: ['a'], label: 'comfort.shortcuts.assign' },
  { keys: ['/'], label: 'comfort.shortcuts.search' },
  { keys: ['?'], label: 'comfort.shortcuts.help' },
] as const;

type DialogProps = { open: boolean; onOpenChange: (open: boolean) => void };

export function ShortcutsDialog({ open, onOpenChange }: DialogProps) {
  const { t } = useTranslation();
  const labels: Record<(typeof rows)[number]['label'], string> = {
    'comfort.shortcuts.next': t('comfort.shortcuts.next'),
    'comfort.shortcuts.previous': t('comfort.shortcuts.previous'),
    'comfort.shortcuts.resolve': t('comfort.shortcuts.resolve'),
    'comfort.shortcuts.assign': t('comfort.shortcuts.assign'),
    'comfort.shortcuts.search': t('comfort.shortcuts.search'),
    'comfort.shortcuts.help': t('comfort.shortcuts.help'),
  };
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent title={t('comfort.shortcuts.title')}>
        <div data-testid="shortcuts-dialog" className="flex flex-col gap-4">
          <dl className="grid grid-cols-[auto_1fr] items-center gap-x-4 gap-y-2 text-sm">
            {rows.map((row) => (
              <div key={row.label} className="contents">
                <dt className="flex gap-1">
                  {row.keys.map((key) => (
                    <kbd
                      key={key}
                      className="rounded border border-neutral-300 bg-neutral-50 px-1.5 py-0.5 font-mono text-xs dark:border-neutral-700 dark:bg-neutral-800"
                    >
                      {key}
                    </kbd>
                  ))}
                </dt>
                <dd className="text-neutral-700 dark:text-neutral-300">{labels[row.label]}</dd>
              </div>
            ))}
          </dl>
          <p className="text-xs text-neutral-500 dark:text-neutral-400">
            {t('comfort.shortcuts.typingHint')}
          </p>
          <NotificationToggles />
        </div>
      </DialogContent>
    </Dialog>
  );
}

/** Per-user switches for notifications and the sound; permission is asked only when turned on. */
export function NotificationToggles() {
  const { t } = useTranslation();
  const { user } = useSession();
  const settings = useComfortSettings(user.id);
  const [permission, setPermission] = useState(notificationPermission);

  const onNotificationsChange = async (enabled: boolean) => {
    writeSettings(user.id, { notifications: enabled });
    if (!enabled) return;
    primeAudio();
    setPermission(await requestNotificationPermission());
  };

  return (
    <fieldset className="flex flex-col gap-2 border-t border-neutral-200 pt-4 dark:border-neutral-800">
      <legend className="sr-only">{t('comfort.notify.legend')}</legend>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={settings.notifications}
          onChange={(event) => void onNotificationsChange(event.target.checked)}
          data-testid="comfort-notifications"
          className="size-4 accent-brand-600"
        />
        {t('comfort.notify.enable')}
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={settings.sound}
          disabled={!settings.notifications}
          onChange={(event) => {
            writeSettings(user.id, { sound: event.target.checked });
            if (event.target.checked) primeAudio();
          }}
          data-testid="comfort-sound"
          className="size-4 accent-brand-600"
        />
        {t('comfort.notify.sound')}
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={settings.mentions}
          onChange={(event) => {
            writeSettings(user.id, { mentions: event.target.checked });
            if (event.target.checked) primeAudio();
          }}
          data-testid="comfort-mentions"
          className="size-4 accent-brand-600"
        />
        {t('comfort.notify.mentions')}
      </label>
      {settings.notifications && permission === 'denied' ? (
        <p className="text-xs text-amber-700 dark:text-amber-400">{t('comfort.notify.denied')}</p>
      ) : null}
      {settings.notifications && permission === 'unsupported' ? (
        <p className="text-xs text-neutral-500 dark:text-neutral-400">{t('comfort.notify.unsupported')}</p>
      ) : null}
    </fieldset>
  );
}
