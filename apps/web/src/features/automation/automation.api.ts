import type { AutomationRule, RuleInput } from '@charla/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest } from '../../lib/api';

export const rulesKey = ['automation', 'rules'] as const;

type Rules = { rules: AutomationRule[] };

/** The workspace's rules in the order they run (the ready-made ones included). */
export function useRules() {
  return useQuery({
    queryKey: rulesKey,
    queryFn: ({ signal }) => api.get<Rules>('/api/automation/rules', signal),
    select: (data) => data.rules,
    // Counts move as rules fire: read again whenever the page opens.
    refetchOnMount: 'always',
  });
}

const rulePath = (id: string) => `/api/automation/rules/${encodeURIComponent(id)}`;

/** Creates (id null) or replaces a rule. */
export function useSaveRule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: RuleInput }) =>
      id
        ? apiRequest<AutomationRule>(rulePath(id), { method: 'PUT', body })
        : apiRequest<AutomationRule>('/api/automation/rules', { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: rulesKey }),
  });
}

/** Flips the switch at once; the server's answer (or the old state, on error) follows. */
export function useToggleRule() {
  const client = useQueryClient();
  const put = (rule: Pick<AutomationRule, 'id'> & Partial<AutomationRule>) =>
    client.setQueryData<Rules>(rulesKey, (old) =>
      old ? { rules: old.rules.map((r) => (r.id === rule.id ? { ...r, ...rule } : r)) } : old,
    );
  return useMutation({
    mutationFn: ({ id, enabled }: { id: string; enabled: boolean }) =>
      apiRequest<AutomationRule>(rulePath(id), { method: 'PATCH', body: { enabled } }),
    // A read already on its way would answer the old state over the flipped switch: drop it first.
    onMutate: async ({ id, enabled }) => {
      await client.cancelQueries({ queryKey: rulesKey });
      put({ id, enabled });
    },
    onError: (_error, { id, enabled }) => put({ id, enabled: !enabled }),
    onSuccess: (rule) => put(rule),
    onSettled: () => client.invalidateQueries({ queryKey: rulesKey }),
  });
}

export function useDeleteRule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiRequest<void>(rulePath(id), { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: rulesKey }),
  });
}

export function useReorderRules() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (ids: string[]) =>
      apiRequest<Rules>('/api/automation/rules/order', { method: 'PUT', body: { ids } }),
    onSuccess: (data) => client.setQueryData(rulesKey, data),
  });
}
