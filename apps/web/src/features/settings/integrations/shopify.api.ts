import type { ConnectShopifyRequest, ShopifyConnection, ShopifyEvent } from '@charla/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest } from '../../../lib/api';

const keys = {
  connection: ['integrations', 'shopify'] as const,
  events: ['integrations', 'shopify', 'events'] as const,
};
const PATH = '/api/integrations/shopify';

/** The workspace's Shopify shop and its automations; null when none is connected. */
export function useShopify() {
  return useQuery({
    queryKey: keys.connection,
    queryFn: async ({ signal }) =>
      (await api.get<{ connection: ShopifyConnection | null }>(PATH, signal)).connection,
  });
}

/** Connects the shop, or saves its number, secret and automations. */
export function useSaveShopify() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ConnectShopifyRequest) => apiRequest<ShopifyConnection>(PATH, { method: 'PUT', body }),
    onSuccess: (saved) => queryClient.setQueryData(keys.connection, saved),
  });
}

/** Disconnects the shop: its webhooks are refused from then on. */
export function useDisconnectShopify() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest<void>(PATH, { method: 'DELETE' }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.connection }),
  });
}

/** The last webhooks the shop sent, newest first, with what Charla did (a test order may come any moment). */
export function useShopifyEvents(isConnected: boolean) {
  return useQuery({
    queryKey: keys.events,
    queryFn: ({ signal }) => api.get<ShopifyEvent[]>(`${PATH}/events`, signal),
    enabled: isConnected,
    refetchInterval: 5_000,
  });
}
