import type {
  CreateWebhookSubscriptionRequest,
  UpdateWebhookSubscriptionRequest,
  WebhookDelivery,
  WebhookSubscription,
  WebhookSubscriptionWithSecret,
} from '@charla/contracts';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest } from '../../../lib/api';

/** One event of the catalogue (GET /api/webhooks/events); `example` is a whole delivery body. */
export interface WebhookEventInfo {
  type: string;
  description: string;
  example: unknown;
}
export type DeliveryStatus = WebhookDelivery['status'];
interface DeliveryPage {
  data: WebhookDelivery[];
  nextCursor: string | null;
}

const keys = {
  all: ['webhooks'] as const,
  list: ['webhooks', 'list'] as const,
  events: ['webhooks', 'events'] as const,
  deliveries: (id: string) => ['webhooks', 'deliveries', id] as const,
};
const path = (id: string) => `/api/webhooks/${encodeURIComponent(id)}`;

/** The workspace's subscriptions, oldest first (owners and admins). */
export function useWebhooks(refetchInterval: number | false = false) {
  return useQuery({
    queryKey: keys.list,
    queryFn: ({ signal }) => api.get<WebhookSubscription[]>('/api/webhooks', signal),
    refetchInterval,
  });
}

/** Every event Charla can send, with what it holds and an example. */
export function useWebhookEvents() {
  return useQuery({
    queryKey: keys.events,
    queryFn: ({ signal }) => api.get<WebhookEventInfo[]>('/api/webhooks/events', signal),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** Subscribes a URL; the answer holds its signing secret, which is never shown again. */
export function useCreateWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateWebhookSubscriptionRequest) =>
      api.post<WebhookSubscriptionWithSecret>('/api/webhooks', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.list }),
  });
}

/** Address, events, description, or on/off (turning it on clears the failure streak). */
export function useUpdateWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdateWebhookSubscriptionRequest & { id: string }) =>
      api.patch<WebhookSubscription>(path(id), body),
    onSuccess: (updated) =>
      queryClient.setQueryData<WebhookSubscription[]>(keys.list, (list) =>
        list?.map((sub) => (sub.id === updated.id ? updated : sub)),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.all }),
  });
}

/** Removes a subscription and its delivery log. */
export function useDeleteWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiRequest<void>(path(id), { method: 'DELETE' }),
    // Not awaited: the caller's onSuccess (leaving the webhook's page) runs before the list drops it.
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: keys.list });
    },
  });
}

/** A new secret, shown once; the old one keeps signing for 24 hours. */
export function useRotateWebhookSecret() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<WebhookSubscriptionWithSecret>(`${path(id)}/rotate-secret`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.list }),
  });
}

/** Sends a `webhook.test` delivery now; the log shows it at once. */
export function useSendTestEvent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<{ deliveryId: string }>(`${path(id)}/test`),
    onSuccess: (_answer, id) => queryClient.invalidateQueries({ queryKey: keys.deliveries(id) }),
  });
}

/** Sends a delivery again now, with the same `webhook-id`. */
export function useReplayDelivery(subscriptionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (deliveryId: string) =>
      api.post<{ ok: true }>(`/api/webhooks/deliveries/${encodeURIComponent(deliveryId)}/replay`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.deliveries(subscriptionId) }),
  });
}

/**
 * A subscription's deliveries, newest first, each with every attempt; `status` filters.
 * `refetchInterval` decides from what is loaded how soon to look again (sooner while one is due).
 */
export function useDeliveries(
  id: string,
  status: DeliveryStatus | '',
  refetchInterval: (deliveries: WebhookDelivery[]) => number | false,
) {
  return useInfiniteQuery({
    queryKey: [...keys.deliveries(id), status],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams();
      if (status) params.set('status', status);
      if (pageParam) params.set('cursor', pageParam);
      const query = params.toString();
      return api.get<DeliveryPage>(`${path(id)}/deliveries${query ? `?${query}` : ''}`, signal);
    },
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: (query) => refetchInterval(query.state.data?.pages.flatMap((p) => p.data) ?? []),
  });
}
