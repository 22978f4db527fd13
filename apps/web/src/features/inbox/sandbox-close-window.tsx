import type { Conversation, Thread } from '@charla/contracts';
import { type InfiniteData, useMutation, useQueryClient } from '@tanstack/react-query';
import { Hourglass } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { queryKeys } from '../../lib/query-keys';
import { Button } from '../../ui/button';

type SandboxCloseWindowProps = {
  conversation: Conversation;
  isWindowOpen: boolean;
  onError: (error: unknown) => void;
};

/**
 * Sandbox numbers only: "close the 24-hour window now", so a newcomer sees at once what happens a
 * day after the customer's last message (only templates), here and on the simulated phone.
 */
export function SandboxCloseWindow({ conversation, isWindowOpen, onError }: SandboxCloseWindowProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const close = useMutation({
    mutationFn: () =>
      api.post<Conversation>(`/api/conversations/${encodeURIComponent(conversation.id)}/close-window`),
    onSuccess: (updated) => {
      queryClient.setQueryData<InfiniteData<Thread, string | null>>(
        queryKeys.thread(conversation.id),
        (data) =>
          data ? { ...data, pages: data.pages.map((page) => ({ ...page, conversation: updated })) } : data,
      );
      void queryClient.invalidateQueries({ queryKey: queryKeys.conversations });
    },
    onError,
  });

  if (conversation.channelKind !== 'sandbox' || !isWindowOpen) return null;
  return (
    <Button
      variant="ghost"
      size="sm"
      className="text-xs"
      isLoading={close.isPending}
      onClick={() => close.mutate()}
      title={t('sandboxWindow.explainer')}
      data-testid="sandbox-close-window"
    >
      <Hourglass aria-hidden className="size-3.5" />
      {t('sandboxWindow.close')}
    </Button>
  );
}
