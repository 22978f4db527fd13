import type {
  AutomationReport,
  CampaignsReport,
  CsatReport,
  PerformanceReport,
  SetSlaTargetRequest,
  SlaReport,
  SlaTarget,
  VolumeReport,
} from '@charla/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest } from '../../lib/api';

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

/** The filters a report reads, each report asking only for those it takes. */
export type FilterName = 'time' | 'channelId' | 'teamId' | 'agentId';
const ALL_FILTERS: readonly FilterName[] = ['time', 'channelId', 'teamId', 'agentId'];

export function reportQuery(f: ReportFilters, only: readonly FilterName[] = ALL_FILTERS): string {
  const params = new URLSearchParams({ from: f.from, to: f.to, tz: f.tz });
  for (const name of only) if (f[name]) params.set(name, f[name]);
  return params.toString();
}

/** Which filters each tab's report takes (the page hides the others). */
export const TAB_FILTERS = {
  performance: ALL_FILTERS,
  volume: ALL_FILTERS,
  sla: ['time', 'channelId', 'teamId'],
  campaigns: ['channelId'],
  automation: [],
  csat: ['channelId', 'teamId', 'agentId'],
} as const satisfies Record<string, readonly FilterName[]>;

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

/** The at-risk list is live: it is asked for again every 30 seconds. */
const SLA_REFETCH_MS = 30_000;

export function useSlaReport(f: ReportFilters, enabled: boolean) {
  return useQuery({
    queryKey: [...reportsKey, 'sla', f],
    queryFn: ({ signal }) =>
      api.get<SlaReport>(`/api/reports/sla?${reportQuery(f, TAB_FILTERS.sla)}`, signal),
    placeholderData: keepPreviousData,
    refetchInterval: SLA_REFETCH_MS,
    enabled,
  });
}

export function useCampaignsReport(f: ReportFilters, enabled: boolean) {
  return useQuery({
    queryKey: [...reportsKey, 'campaigns', f],
    queryFn: ({ signal }) =>
      api.get<CampaignsReport>(`/api/reports/campaigns?${reportQuery(f, TAB_FILTERS.campaigns)}`, signal),
    placeholderData: keepPreviousData,
    refetchInterval: REFETCH_MS,
    enabled,
  });
}

export function useAutomationReport(f: ReportFilters, enabled: boolean) {
  return useQuery({
    queryKey: [...reportsKey, 'automation', f],
    queryFn: ({ signal }) =>
      api.get<AutomationReport>(`/api/reports/automation?${reportQuery(f, TAB_FILTERS.automation)}`, signal),
    placeholderData: keepPreviousData,
    refetchInterval: REFETCH_MS,
    enabled,
  });
}

export function useCsatReport(f: ReportFilters, enabled: boolean) {
  return useQuery({
    queryKey: [...reportsKey, 'csat', f],
    queryFn: ({ signal }) =>
      api.get<CsatReport>(`/api/reports/csat?${reportQuery(f, TAB_FILTERS.csat)}`, signal),
    placeholderData: keepPreviousData,
    refetchInterval: REFETCH_MS,
    enabled,
  });
}

const slaTargetsKey = ['sla-targets'] as const;

export function useSlaTargets() {
  return useQuery({
    queryKey: slaTargetsKey,
    queryFn: ({ signal }) => api.get<SlaTarget[]>('/api/reports/sla-targets', signal),
  });
}

/** Saves one row of targets; the answer is the whole list again, and the SLA report is read anew. */
export function useSetSlaTarget() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SetSlaTargetRequest) =>
      apiRequest<SlaTarget[]>('/api/reports/sla-targets', { method: 'PUT', body }),
    onSuccess: (targets) => {
      queryClient.setQueryData(slaTargetsKey, targets);
      return queryClient.invalidateQueries({ queryKey: [...reportsKey, 'sla'] });
    },
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
