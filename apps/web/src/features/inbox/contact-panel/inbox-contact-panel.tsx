import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { ContactPanel } from '../../contacts/contact-panel';
import { refreshContact } from '../../contacts/contacts.api';
import { useThread } from '../inbox.api';
import {
  closeContactSheet,
  setContactPanelOpen,
  takeJustOpened,
  useIsContactPanelOpen,
} from './contact-panel-state';

const toggleSelector = '[aria-controls="contact-panel"]';

/** The customer of the open conversation: beside the thread on wide screens, a sheet over it on phones. */
export function InboxContactPanel({ conversationId }: { conversationId: string }) {
  const isOpen = useIsContactPanelOpen();
  // The thread already holds this query; reading it here asks the server nothing more.
  const thread = useThread(conversationId);
  const newestPage = thread.data?.pages[0];
  const contactId = newestPage?.conversation.contact.id;
  const newestMessageId = newestPage?.messages.at(-1)?.id;
  const client = useQueryClient();
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when another conversation opens
  useEffect(() => closeContactSheet(), [conversationId]);
  // Keyboard and screen reader users land in the panel they opened, and back on the name when closing it.
  const isShown = isOpen && contactId !== undefined;
  useEffect(() => {
    if (isShown && takeJustOpened()) document.getElementById('contact-panel')?.focus();
  }, [isShown]);
  // A customer's STOP or START changes their consent while the panel is open; typed edits are kept.
  const seenNewestRef = useRef(newestMessageId);
  useEffect(() => {
    if (newestMessageId === seenNewestRef.current) return;
    seenNewestRef.current = newestMessageId;
    if (isShown && contactId) void refreshContact(client, contactId);
  }, [newestMessageId, isShown, contactId, client]);
  if (!isShown) return null;
  return (
    <ContactPanel
      key={contactId}
      id={contactId}
      onClose={() => {
        setContactPanelOpen(false);
        document.querySelector<HTMLElement>(toggleSelector)?.focus();
      }}
      currentConversationId={conversationId}
      className="fixed inset-0 z-30 lg:static lg:z-auto lg:w-80 lg:border-l 2xl:w-96"
    />
  );
}
