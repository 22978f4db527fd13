import type {
  AuthOptions,
  ChangePasswordRequest,
  Invitation,
  Member,
  MySession,
  PasswordResetLink,
  PasswordResetPreview,
  PendingInvitation,
  Role,
  TransferOwnershipResult,
} from '@charla/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest } from '../../lib/api';
import { queryKeys } from '../../lib/query-keys';

const invitationsKey = ['invitations', 'pending'] as const;
const mySessionsKey = ['me', 'sessions'] as const;
const memberPath = (userId: string) => `/api/members/${encodeURIComponent(userId)}`;

/** After a change to members, both lists (and the caller's own role) may have moved. */
function useRefreshMembers() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.members });
    void queryClient.invalidateQueries({ queryKey: invitationsKey });
  };
}

export function useChangeRole() {
  const refresh = useRefreshMembers();
  return useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: Role }) =>
      api.patch<Member>(memberPath(userId), { role }),
    onSettled: refresh,
  });
}

export function useSetActive() {
  const refresh = useRefreshMembers();
  return useMutation({
    mutationFn: ({ userId, active }: { userId: string; active: boolean }) =>
      api.post<Member>(`${memberPath(userId)}/${active ? 'reactivate' : 'deactivate'}`),
    onSettled: refresh,
  });
}

export function useRemoveMember() {
  const refresh = useRefreshMembers();
  return useMutation({
    mutationFn: (userId: string) => apiRequest<void>(memberPath(userId), { method: 'DELETE' }),
    onSettled: refresh,
  });
}

export function useMakeResetLink() {
  return useMutation({
    mutationFn: (userId: string) => api.post<PasswordResetLink>(`${memberPath(userId)}/password-reset`),
  });
}

export function useTransferOwnership() {
  const queryClient = useQueryClient();
  const refresh = useRefreshMembers();
  return useMutation({
    mutationFn: (userId: string) =>
      api.post<TransferOwnershipResult>(`${memberPath(userId)}/transfer-ownership`),
    onSettled: () => {
      refresh();
      void queryClient.invalidateQueries({ queryKey: queryKeys.me });
    },
  });
}

export function usePendingInvitations(enabled: boolean) {
  return useQuery({
    queryKey: invitationsKey,
    queryFn: ({ signal }) => api.get<{ items: PendingInvitation[] }>('/api/invitations', signal),
    select: (data) => data.items,
    enabled,
  });
}

export function useRevokeInvitation() {
  const refresh = useRefreshMembers();
  return useMutation({
    mutationFn: (id: string) =>
      apiRequest<void>(`/api/invitations/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSettled: refresh,
  });
}

export function useRenewInvitation() {
  const refresh = useRefreshMembers();
  return useMutation({
    mutationFn: (id: string) => api.post<Invitation>(`/api/invitations/${encodeURIComponent(id)}/renew`),
    onSettled: refresh,
  });
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ChangePasswordRequest) => api.post<void>('/api/me/password', body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: mySessionsKey }),
  });
}

export function useMySessions() {
  return useQuery({
    queryKey: mySessionsKey,
    queryFn: ({ signal }) => api.get<{ items: MySession[] }>('/api/me/sessions', signal),
    select: (data) => data.items,
  });
}

/** Ends one session by its public id, or every other one with `null`. */
export function useEndSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string | null) =>
      apiRequest<void>(id ? `/api/me/sessions/${encodeURIComponent(id)}` : '/api/me/sessions', {
        method: 'DELETE',
      }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: mySessionsKey }),
  });
}

export function useAuthOptions() {
  return useQuery({
    queryKey: ['auth-options'],
    queryFn: ({ signal }) => api.get<AuthOptions>('/api/auth/options', signal),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useForgotPassword() {
  return useMutation({
    mutationFn: (email: string) => api.post<void>('/api/auth/forgot-password', { email }),
  });
}

export function usePasswordResetPreview(token: string) {
  return useQuery({
    queryKey: ['password-reset', token],
    queryFn: ({ signal }) =>
      api.get<PasswordResetPreview>(`/api/password-resets/${encodeURIComponent(token)}`, signal),
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}

export function useResetPassword(token: string) {
  return useMutation({
    mutationFn: (password: string) =>
      api.post<void>(`/api/password-resets/${encodeURIComponent(token)}`, { password }),
  });
}
