import type {
  ContactAttributeDefinition,
  ContactImport,
  ContactList,
  ContactProfile,
  CreateContactRequest,
  StartContactImportRequest,
  UpdateContactRequest,
} from '@charla/contracts';
import {
  keepPreviousData,
  type QueryClient,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { ApiError, api, CHARLA_REQUEST_HEADER, toApiError } from '../../lib/api';
import { queryKeys } from '../../lib/query-keys';

const keys = {
  list: (q: string) => ['contacts', 'list', q] as const,
  one: queryKeys.contact,
  attributes: ['contacts', 'attributes'] as const,
  import: (id: string) => ['contacts', 'import', id] as const,
};

export function useContacts(q: string) {
  return useInfiniteQuery({
    queryKey: keys.list(q),
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams();
      if (q) params.set('q', q);
      if (pageParam) params.set('cursor', pageParam);
      return api.get<ContactList>(`/api/contacts?${params}`, signal);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

/** Something the contact did (e.g. wrote STOP) may have changed what Charla keeps about them. */
export function refreshContact(client: QueryClient, id: string) {
  return client.invalidateQueries({ queryKey: keys.one(id) });
}

export function useContact(id: string) {
  return useQuery({
    queryKey: keys.one(id),
    enabled: id !== '',
    queryFn: ({ signal }) => api.get<ContactProfile>(`/api/contacts/${encodeURIComponent(id)}`, signal),
  });
}

export function useAttributeDefinitions() {
  return useQuery({
    queryKey: keys.attributes,
    queryFn: async ({ signal }) =>
      (await api.get<{ items: ContactAttributeDefinition[] }>('/api/contacts/attributes', signal)).items,
  });
}

export function useUpdateContact(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateContactRequest) =>
      api.patch<ContactProfile>(`/api/contacts/${encodeURIComponent(id)}`, body),
    onSuccess: (profile) => {
      const before = client.getQueryData<ContactProfile>(keys.one(id));
      client.setQueryData(keys.one(id), profile);
      void client.invalidateQueries({ queryKey: ['contacts', 'list'] });
      // The inbox names the customer in its list and thread header.
      if (before?.name !== profile.name) {
        void client.invalidateQueries({ queryKey: queryKeys.conversations });
        void client.invalidateQueries({ queryKey: queryKeys.threads });
      }
    },
  });
}

export function useCreateContact() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateContactRequest) => api.post<ContactProfile>('/api/contacts', body),
    onSuccess: (profile) => {
      client.setQueryData(keys.one(profile.id), profile);
      void client.invalidateQueries({ queryKey: ['contacts', 'list'] });
    },
  });
}

/** Multipart so file names with accents survive. */
export function useUploadImport() {
  return useMutation({
    mutationFn: async (file: File) => {
      const form = new FormData();
      form.append('file', file);
      let response: Response;
      try {
        response = await fetch('/api/contacts/imports', {
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
      return payload as ContactImport;
    },
  });
}

export function useStartImport(id: string) {
  return useMutation({
    mutationFn: (body: StartContactImportRequest) =>
      api.post<ContactImport>(`/api/contacts/imports/${encodeURIComponent(id)}/start`, body),
  });
}

/** Polls while the job runs; refreshes the list when it ends. */
export function useImportProgress(id: string | null) {
  const client = useQueryClient();
  return useQuery({
    queryKey: keys.import(id ?? ''),
    enabled: id !== null,
    queryFn: async ({ signal }) => {
      const job = await api.get<ContactImport>(
        `/api/contacts/imports/${encodeURIComponent(id ?? '')}`,
        signal,
      );
      // Not every ['contacts'] query: that would cancel and restart this very one, forever.
      if (job.status === 'done' || job.status === 'failed') {
        void client.invalidateQueries({ queryKey: ['contacts', 'list'] });
        void client.invalidateQueries({ queryKey: ['contacts', 'one'] });
      }
      return job;
    },
    refetchInterval: (query) => (query.state.data?.status === 'running' ? 500 : false),
  });
}
