import type {
  ContactAttributeDefinition,
  CreateContactAttributeRequest,
  UpdateContactAttributeRequest,
} from '@charla/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest } from '../../lib/api';

const path = (id: string) => `/api/contacts/attributes/${encodeURIComponent(id)}`;

/** Definitions change what every contact shows: the profiles and lists are read again too. */
function useRefresh() {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: ['contacts', 'attributes'] });
    void client.invalidateQueries({ queryKey: ['contacts', 'one'] });
    void client.invalidateQueries({ queryKey: ['contacts', 'list'] });
  };
}

export function useCreateAttribute() {
  const onSettled = useRefresh();
  return useMutation({
    mutationFn: (body: CreateContactAttributeRequest) =>
      api.post<ContactAttributeDefinition>('/api/contacts/attributes', body),
    onSettled,
  });
}

export function useUpdateAttribute() {
  const onSettled = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateContactAttributeRequest }) =>
      apiRequest<ContactAttributeDefinition>(path(id), { method: 'PUT', body }),
    onSettled,
  });
}

export function useDeleteAttribute() {
  const onSettled = useRefresh();
  return useMutation({
    mutationFn: (id: string) => apiRequest<void>(path(id), { method: 'DELETE' }),
    onSettled,
  });
}
