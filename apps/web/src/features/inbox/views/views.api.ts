import type { SavedView, SavedViewKind, SavedViewRequest, UpdateSavedViewRequest } from '@charla/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest } from '../../../lib/api';

const viewsKey = (kind: SavedViewKind) => ['views', kind] as const;

export function useSavedViews(kind: SavedViewKind) {
  return useQuery({
    queryKey: viewsKey(kind),
    queryFn: async ({ signal }) =>
      (await api.get<{ items: SavedView[] }>(`/api/views?kind=${kind}`, signal)).items,
  });
}

export function useCreateView(kind: SavedViewKind) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Omit<SavedViewRequest, 'kind'>) =>
      api.post<SavedView>('/api/views', { ...body, kind }),
    onSettled: () => client.invalidateQueries({ queryKey: viewsKey(kind) }),
  });
}

export function useUpdateView(kind: SavedViewKind) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateSavedViewRequest }) =>
      apiRequest<SavedView>(`/api/views/${encodeURIComponent(id)}`, { method: 'PUT', body }),
    onSettled: () => client.invalidateQueries({ queryKey: viewsKey(kind) }),
  });
}

export function useDeleteView(kind: SavedViewKind) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiRequest<void>(`/api/views/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSettled: () => client.invalidateQueries({ queryKey: viewsKey(kind) }),
  });
}

/** Filters compared by content: empty values and key order do not matter. */
export function sameFilters(a: object, b: object): boolean {
  const norm = (o: object) =>
    JSON.stringify(
      Object.entries(o)
        .filter(([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0))
        .sort(([x], [y]) => x.localeCompare(y)),
    );
  return norm(a) === norm(b);
}
