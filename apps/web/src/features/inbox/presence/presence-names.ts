import { useSession } from '../../auth/require-auth';
import { useMembers } from '../../settings/settings.api';
import { othersIn, useConversationPresence } from './presence-store';

export type PresentMember = { userId: string; name: string; typing: boolean };

/** The other members in this conversation now, typists first, with their names. */
export function usePresentMembers(conversationId: string | undefined): PresentMember[] {
  const { user } = useSession();
  const members = useMembers();
  const others = othersIn(useConversationPresence(conversationId), user.id);
  const nameOf = (id: string) => members.data?.find((m) => m.userId === id)?.name ?? '…';
  return others.viewing
    .map((userId) => ({ userId, name: nameOf(userId), typing: others.typing.includes(userId) }))
    .sort((a, b) => Number(b.typing) - Number(a.typing) || a.name.localeCompare(b.name));
}
