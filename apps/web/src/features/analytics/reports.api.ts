import type { PerformanceReport, VolumeReport } from '@charla/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';

/** What the Reports page asks for; empty ids mean "all". */
export interface ReportFilters {
  from: string;
  to: string;
  tz: string;
  time: 'business' | 'calendar';
  channelId: string;
  teamId: string;
  agentId: string;
}

const reportsKey = ['reports'] as const;
/** The figures trail the inbox by up to a minute; asking again as often keeps the page current. */
const REFETCH_MS = 60_000;

export function reportQuery(f: ReportFilters): string {
  const params = new URLSearchParams({ from: f.from, to: f.to, tz: f.tz, time: f.time });
  if (f.channelId) params.set('channelId', f.channelId);
  if (f.teamId) params.set('teamId', f.teamId);
  if (f.agentId) params.set('agentId', f.agentId);
  return params.toString();
}

export function usePerformanceReport(f: ReportFilters) {
  return useQuery({
    queryKey: [...reportsKey, 'performance', f],
    queryFn: ({ signal }) => api.get<PerformanceReport>(`/api/reports/performance?${reportQuery(f)}`, signal),
    placeholderData: keepPreviousData,
    refetchInterval: REFETCH_MS,
  });
}

export function useVolumeReport(f: ReportFilters, enabled: boolean) {
  return useQuery({
    queryKey: [...reportsKey, 'volume', f],
    queryFn: ({ signal }) => api.get<VolumeReport>(`/api/reports/volume?${reportQuery(f)}`, signal),
    placeholderData: keepPreviousData,
    refetchInterval: REFETCH_MS,
    enabled,
  });
}

/** Owners and admins: bring the figures up to date now, then read them again. */
export function useRefreshReports() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ refreshedAt: string | null }>('/api/reports/refresh'),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: reportsKey }),
  });
}
