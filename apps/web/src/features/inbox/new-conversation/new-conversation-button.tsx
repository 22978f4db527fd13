import { SquarePen } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../ui/button';
import { NewConversationDialog } from './new-conversation-dialog';

/** "New conversation": in the inbox for any customer, on a contact for that one. */
export function NewConversationButton({
  contactId,
  variant = 'secondary',
  isIconOnly = false,
}: {
  contactId?: string;
  variant?: 'primary' | 'secondary';
  isIconOnly?: boolean;
}) {
  const { t } = useTranslation();
  const [isOpen, setIsOpen] = useState(false);
  return (
    <>
      <Button
        variant={variant}
        size={isIconOnly ? 'icon' : 'sm'}
        onClick={() => setIsOpen(true)}
        aria-label={isIconOnly ? t('newConversation.action') : undefined}
        title={isIconOnly ? t('newConversation.action') : undefined}
        data-testid="new-conversation-open"
      >
        <SquarePen aria-hidden className="size-4" />
        {isIconOnly ? null : t('newConversation.action')}
      </Button>
      {isOpen ? <NewConversationDialog contactId={contactId} onClose={() => setIsOpen(false)} /> : null}
    </>
  );
}
