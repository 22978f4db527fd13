import type {
  EnrollRequest,
  EnrollResult,
  Sequence,
  SequenceEnrollment,
  SequenceInput,
} from '@charla/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest } from '../../lib/api';

export const sequencesKey = ['automation', 'sequences'] as const;
const enrollmentsKey = (id: string) => ['automation', 'sequences', id, 'enrollments'] as const;
const path = (id: string) => `/api/sequences/${encodeURIComponent(id)}`;

/** The drip sequences with their counts (read again whenever the page opens: counts move). */
export function useSequences() {
  return useQuery({
    queryKey: sequencesKey,
    queryFn: ({ signal }) => api.get<{ sequences: Sequence[] }>('/api/sequences', signal),
    select: (data) => data.sequences,
    refetchOnMount: 'always',
  });
}

/** Creates (id null) or replaces a sequence. */
export function useSaveSequence() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: SequenceInput }) =>
      id
        ? apiRequest<Sequence>(path(id), { method: 'PUT', body })
        : apiRequest<Sequence>('/api/sequences', { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: sequencesKey }),
  });
}

export function useDeleteSequence() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiRequest<void>(path(id), { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: sequencesKey }),
  });
}

export function useEnrollments(id: string | null) {
  return useQuery({
    queryKey: enrollmentsKey(id ?? ''),
    enabled: id !== null,
    queryFn: ({ signal }) =>
      api.get<{ enrollments: SequenceEnrollment[] }>(`${path(id ?? '')}/enrollments`, signal),
    select: (data) => data.enrollments,
  });
}

export function useEnroll(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: EnrollRequest) =>
      apiRequest<EnrollResult>(`${path(id)}/enrollments`, { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: sequencesKey }),
  });
}

export function useCancelEnrollment(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (enrollmentId: string) =>
      apiRequest<void>(`${path(id)}/enrollments/${encodeURIComponent(enrollmentId)}`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: sequencesKey }),
  });
}
