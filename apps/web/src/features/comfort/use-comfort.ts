import { createElement, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useSession } from '../auth/require-auth';
import { contactLabel } from '../inbox/contact-label';
import { useConversations } from '../inbox/inbox.api';
import { beep, showNotification } from './alerts';
import { MentionToasts } from './mentions';
import { type SeenMap, takeNewInbound } from './new-messages';
import { useComfortSettings } from './settings';
import { formatTitle, sumUnread } from './title';

/**
 * For the signed-in shell: keeps the tab title showing the unread count and, while the tab is
 * hidden, announces new customer messages with a notification and a beep (if the user enabled them).
 */
export function useComfort(): void {
  const { t } = useTranslation();
  const { user } = useSession();
  const settings = useComfortSettings(user.id);
  const navigate = useNavigate();
  const conversations = useConversations();
  const pages = conversations.data?.pages;
  const unread = pages ? sumUnread(pages) : 0;

  useEffect(() => {
    document.title = formatTitle(unread);
  }, [unread]);
  useEffect(
    () => () => {
      document.title = formatTitle(0);
    },
    [],
  );

  const seen = useRef<SeenMap>(new Map());
  const since = useRef(new Date().toISOString());
  const latest = useRef({ settings, navigate, t });
  latest.current = { settings, navigate, t };

  useEffect(() => {
    if (!pages) return;
    const items = pages.flatMap((page) => page.items);
    const fresh = takeNewInbound(seen.current, items, since.current);
    const { settings: current, navigate: go, t: translate } = latest.current;
    if (fresh.length === 0 || !current.notifications || !document.hidden) return;
    for (const conversation of fresh.slice(0, 3)) {
      const text = conversation.lastMessage?.text ?? translate('comfort.notify.media');
      showNotification(
        translate('comfort.notify.title', { name: contactLabel(conversation.contact) ?? '' }),
        text,
        `charla-${conversation.id}`,
        () => go(`/inbox/${encodeURIComponent(conversation.id)}`),
      );
    }
    if (current.sound) beep();
  }, [pages]);
}

/** The tab title, new-message alerts and mention toasts: lets the shell turn comfort on with a single line. */
export function ComfortEffects() {
  useComfort();
  return createElement(MentionToasts);
}
