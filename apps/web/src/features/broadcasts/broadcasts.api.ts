import type {
  AudiencePreview,
  AudiencePreviewRequest,
  Broadcast,
  BroadcastList,
  BroadcastRecipientList,
  BroadcastRecipientState,
  CreateBroadcastRequest,
  CsvAudienceUpload,
  NumberLimits,
  RetryLimitedResult,
  SavedView,
  TestSendRequest,
  UpdateBroadcastRequest,
} from '@charla/contracts';
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { ApiError, api, apiRequest, CHARLA_REQUEST_HEADER, toApiError } from '../../lib/api';
import { queryKeys } from '../../lib/query-keys';
import { pollInterval } from './broadcast-pace';

/**
 * Realtime `broadcast.updated` invalidates the broadcast, and with it its recipients (kept under
 * its key, so both refetch together); polling covers a lost socket.
 */
export const broadcastKeys = {
  all: ['broadcasts'] as const,
  list: queryKeys.broadcasts,
  one: queryKeys.broadcast,
  recipients: (id: string, state: string) => [...queryKeys.broadcast(id), 'recipients', state] as const,
  limits: (channelId: string) => ['broadcasts', 'limits', channelId] as const,
};

/** The number's tier, what is left of today's allowance, throughput and pace (asks WhatsApp). */
export function useNumberLimits(channelId: string | null) {
  return useQuery({
    queryKey: broadcastKeys.limits(channelId ?? ''),
    queryFn: ({ signal }) =>
      api.get<NumberLimits>(`/api/broadcasts/channels/${encodeURIComponent(channelId ?? '')}/limits`, signal),
    enabled: Boolean(channelId),
    staleTime: 30_000,
  });
}

const path = (id: string) => `/api/broadcasts/${encodeURIComponent(id)}`;

export function useBroadcasts() {
  return useQuery({
    queryKey: broadcastKeys.list,
    queryFn: async ({ signal }) => (await api.get<BroadcastList>('/api/broadcasts', signal)).items,
    refetchInterval: (query) => {
      const intervals = (query.state.data ?? []).map((b) => pollInterval(b, Date.now()));
      const numbers = intervals.filter((ms): ms is number => ms !== false);
      return numbers.length > 0 ? Math.min(...numbers) : false;
    },
  });
}

export function useBroadcast(id: string, enabled = true) {
  return useQuery({
    queryKey: broadcastKeys.one(id),
    enabled,
    queryFn: ({ signal }) => api.get<Broadcast>(path(id), signal),
    refetchInterval: (query) => (query.state.data ? pollInterval(query.state.data, Date.now()) : false),
  });
}

/**
 * The recipients, 50 at a time; the first page also brings the broadcast's counts from the same
 * moment, which the detail page shows, so its figures and its rows always agree.
 * `refetchInterval`: as the broadcast itself polls (pollInterval), false once it stopped moving.
 */
export function useRecipients(
  id: string,
  state: BroadcastRecipientState | '',
  refetchInterval: number | false,
) {
  return useInfiniteQuery({
    queryKey: broadcastKeys.recipients(id, state),
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams();
      if (state) params.set('state', state);
      if (pageParam) params.set('cursor', pageParam);
      return api.get<BroadcastRecipientList>(`${path(id)}/recipients?${params}`, signal);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    refetchInterval,
  });
}

export function useCreateBroadcast() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateBroadcastRequest) => api.post<Broadcast>('/api/broadcasts', body),
    onSuccess: (broadcast) => {
      client.setQueryData(broadcastKeys.one(broadcast.id), broadcast);
      void client.invalidateQueries({ queryKey: broadcastKeys.list });
    },
  });
}

/** PUT a draft or scheduled broadcast; `action` keeps it a draft, schedules it or sends it now. */
export function useUpdateBroadcast(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateBroadcastRequest) => apiRequest<Broadcast>(path(id), { method: 'PUT', body }),
    onSuccess: (broadcast) => {
      client.setQueryData(broadcastKeys.one(id), broadcast);
      void client.invalidateQueries({ queryKey: broadcastKeys.list });
    },
  });
}

export type BroadcastCommand = 'start' | 'pause' | 'resume' | 'cancel';

export function useBroadcastCommand(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (command: BroadcastCommand) => api.post<Broadcast>(`${path(id)}/${command}`),
    onSuccess: (broadcast) => {
      if (broadcast) client.setQueryData(broadcastKeys.one(id), broadcast);
      void client.invalidateQueries({ queryKey: broadcastKeys.all });
    },
  });
}

/** Sends again now to the recipients WhatsApp limited (131049); answers how many were queued. */
export function useRetryLimited(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<RetryLimitedResult>(`${path(id)}/retry-limited`),
    onSuccess: (result) => {
      client.setQueryData(broadcastKeys.one(id), result.broadcast);
      void client.invalidateQueries({ queryKey: broadcastKeys.all });
    },
  });
}

export function useDeleteBroadcast(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest<void>(path(id), { method: 'DELETE' }),
    onSuccess: () => void client.invalidateQueries({ queryKey: broadcastKeys.list }),
  });
}

/** Counts only; `enabled` waits until the step has a complete audience. */
export function useAudiencePreview(request: AudiencePreviewRequest | null) {
  return useQuery({
    queryKey: ['broadcasts', 'audience-preview', request] as const,
    enabled: request !== null,
    queryFn: () => api.post<AudiencePreview>('/api/broadcasts/audience-preview', request),
    placeholderData: keepPreviousData,
    staleTime: 5_000,
  });
}

/** Multipart, like the contacts import, so names with accents survive. */
export function useUploadCsvAudience() {
  return useMutation({
    mutationFn: async (input: { file: File; defaultCountry: string }) => {
      const form = new FormData();
      form.append('defaultCountry', input.defaultCountry);
      form.append('file', input.file);
      let response: Response;
      try {
        response = await fetch('/api/broadcasts/csv-audiences', {
          method: 'POST',
          body: form,
          headers: { [CHARLA_REQUEST_HEADER.name]: CHARLA_REQUEST_HEADER.value },
          credentials: 'same-origin',
        });
      } catch {
        throw new ApiError(0, 'network', 'Could not reach the server');
      }
      const payload: unknown = await response.json().catch(() => null);
      if (!response.ok) throw toApiError(response.status, payload);
      return payload as CsvAudienceUpload;
    },
  });
}

export function useTestSend() {
  return useMutation({
    mutationFn: (body: TestSendRequest) =>
      api.post<{ to: string; externalId: string }>('/api/broadcasts/test-send', body),
  });
}

/** Saved contact views; an older server without them answers 404, shown as "no views". */
export function useContactViews() {
  return useQuery({
    queryKey: ['views', 'contacts'] as const,
    queryFn: async ({ signal }) => {
      try {
        const { items } = await api.get<{ items: SavedView[] }>('/api/views?kind=contacts', signal);
        return items.filter((view) => view.kind === 'contacts');
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return [];
        throw error;
      }
    },
  });
}
