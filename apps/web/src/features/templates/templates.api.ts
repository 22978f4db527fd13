import type { Channel, Template, TemplateDraft, TemplateStatus } from '@charla/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest } from '../../lib/api';
import { queryKeys } from '../../lib/query-keys';

export const templateKeys = {
  all: queryKeys.templates,
  list: (wabaId: string) => ['templates', 'list', wabaId] as const,
  one: (id: string) => ['templates', 'one', id] as const,
};

/** Meta reviews asynchronously; until a realtime event says so, poll while something is in review. */
const reviewPollMs = 5_000;

export function useTemplates(wabaId: string | null, status?: TemplateStatus) {
  return useQuery({
    queryKey: [...templateKeys.list(wabaId ?? ''), status ?? 'all'],
    enabled: wabaId !== null,
    queryFn: ({ signal }) => {
      const params = new URLSearchParams({ wabaId: wabaId ?? '' });
      if (status) params.set('status', status);
      return api.get<{ items: Template[] }>(`/api/templates?${params}`, signal);
    },
    select: (data) => data.items,
    refetchOnWindowFocus: true,
    refetchInterval: (query) =>
      query.state.data?.items.some((template) => template.status === 'pending') ? reviewPollMs : false,
  });
}

export function useTemplate(id: string | null) {
  return useQuery({
    queryKey: templateKeys.one(id ?? ''),
    enabled: id !== null,
    queryFn: ({ signal }) => api.get<Template>(`/api/templates/${encodeURIComponent(id ?? '')}`, signal),
    refetchInterval: (query) => (query.state.data?.status === 'pending' ? reviewPollMs : false),
  });
}

/** The WhatsApp Business Accounts of the workspace, from its channels (one WABA may hold several numbers). */
export type Waba = { id: string; channelNames: string[] };

/** The WhatsApp Business Account a number belongs to (templates are shared by its numbers). */
export function wabaIdOf(channel: Channel): string | null {
  return channel.wabaId === '' ? null : channel.wabaId;
}

export function wabasOf(channels: Channel[]): Waba[] {
  const byId = new Map<string, Waba>();
  for (const channel of channels) {
    const id = wabaIdOf(channel);
    if (!id) continue;
    const waba = byId.get(id) ?? { id, channelNames: [] };
    waba.channelNames.push(channel.name);
    byId.set(id, waba);
  }
  return [...byId.values()];
}

type SaveVariables = { draft: TemplateDraft; submit: boolean };

/** POST /api/templates (new) or PUT /api/templates/:id (edit); `submit` sends it to Meta's review. */
export function useSaveTemplate(wabaId: string, id: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ draft, submit }: SaveVariables) =>
      id === null
        ? api.post<Template>('/api/templates', { wabaId, draft, submit })
        : apiRequest<Template>(`/api/templates/${encodeURIComponent(id)}`, {
            method: 'PUT',
            body: { draft, submit },
          }),
    onSuccess: (template) => {
      queryClient.setQueryData(templateKeys.one(template.id), template);
      void queryClient.invalidateQueries({ queryKey: templateKeys.all });
    },
  });
}

export function useSubmitTemplate(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<Template>(`/api/templates/${encodeURIComponent(id)}/submit`),
    onSuccess: (template) => {
      queryClient.setQueryData(templateKeys.one(template.id), template);
      void queryClient.invalidateQueries({ queryKey: templateKeys.all });
    },
  });
}

export function useDeleteTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiRequest<void>(`/api/templates/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: templateKeys.all }),
  });
}

/** Fetches the account's templates from Meta (made in WhatsApp Manager, or reviewed meanwhile). */
export function useSyncTemplates() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (wabaId: string) => api.post<unknown>('/api/templates/sync', { wabaId }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: templateKeys.all }),
  });
}
