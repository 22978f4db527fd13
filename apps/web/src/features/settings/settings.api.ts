import type { Channel, Invitation, InviteRequest, Member } from '@charla/contracts';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { queryKeys } from '../../lib/query-keys';

/** `refetchMs`: read again this often (Settings shows each number's backlog as it changes). */
export function useChannels(opts: { refetchMs?: number } = {}) {
  return useQuery({
    queryKey: queryKeys.channels,
    queryFn: ({ signal }) => api.get<{ items: Channel[] }>('/api/channels', signal),
    select: (data) => data.items,
    ...(opts.refetchMs !== undefined && { refetchInterval: opts.refetchMs }),
  });
}

export function useMembers() {
  return useQuery({
    queryKey: queryKeys.members,
    queryFn: ({ signal }) => api.get<{ items: Member[] }>('/api/members', signal),
    select: (data) => data.items,
  });
}

export function useInvite() {
  return useMutation({ mutationFn: (body: InviteRequest) => api.post<Invitation>('/api/invitations', body) });
}
