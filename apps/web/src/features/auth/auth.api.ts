import type {
  AcceptInvitationRequest,
  InvitationPreview,
  LoginRequest,
  Me,
  SetupRequest,
  SetupStatus,
  UpdateMeRequest,
} from '@charla/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '../../lib/api';
import { queryKeys } from '../../lib/query-keys';

export function useSetupStatus() {
  return useQuery({
    queryKey: queryKeys.setup,
    queryFn: ({ signal }) => api.get<SetupStatus>('/api/setup', signal),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useMe() {
  return useQuery({
    queryKey: queryKeys.me,
    queryFn: ({ signal }) => api.get<Me>('/api/me', signal),
    staleTime: 5 * 60_000,
    retry: (failureCount, error) => !isApiError(error, 'unauthorized') && failureCount < 2,
  });
}

/** Setup, login and accepting an invitation all answer `Me` and set the session cookie. */
function useSignIn<TBody>(path: (body: TBody) => string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TBody) => api.post<Me>(path(body), body),
    onSuccess: (me) => {
      queryClient.setQueryData(queryKeys.me, me);
      queryClient.setQueryData<SetupStatus>(queryKeys.setup, { needsSetup: false });
    },
  });
}

export const useSetup = () => useSignIn<SetupRequest>(() => '/api/setup');
export const useLogin = () => useSignIn<LoginRequest>(() => '/api/auth/login');
export const useAcceptInvitation = (token: string) =>
  useSignIn<AcceptInvitationRequest>(() => `/api/invitations/${encodeURIComponent(token)}/accept`);

export function useInvitationPreview(token: string) {
  return useQuery({
    queryKey: queryKeys.invitation(token),
    queryFn: ({ signal }) =>
      api.get<InvitationPreview>(`/api/invitations/${encodeURIComponent(token)}`, signal),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>('/api/auth/logout'),
    onSettled: () => {
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.setup[0] });
    },
  });
}

/** Saves the user's language on the server, so it follows them to other browsers. */
export function useUpdateMe() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateMeRequest) => api.patch<Me>('/api/me', body),
    onSuccess: (me) => queryClient.setQueryData(queryKeys.me, me),
  });
}
