import type { AuditList } from '@charla/contracts';
import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';

/** The filters of Settings › Activity log, as the page holds them (dates are `YYYY-MM-DD`, local). */
export interface AuditFilterState {
  action: string;
  memberId: string;
  from: string;
  to: string;
}

export const NO_AUDIT_FILTERS: AuditFilterState = { action: '', memberId: '', from: '', to: '' };

/** The query string of GET /api/audit-log and its export: whole local days, `to` included. */
export function auditQuery(f: AuditFilterState): URLSearchParams {
  const params = new URLSearchParams();
  if (f.action) params.set('action', f.action);
  if (f.memberId) params.set('memberId', f.memberId);
  if (f.from) params.set('from', new Date(`${f.from}T00:00:00`).toISOString());
  if (f.to) {
    const end = new Date(`${f.to}T00:00:00`);
    end.setDate(end.getDate() + 1);
    params.set('to', end.toISOString());
  }
  return params;
}

/** A link, not a fetch: the browser downloads the CSV with the session cookie (a GET). */
export function auditExportUrl(f: AuditFilterState): string {
  const query = auditQuery(f).toString();
  return `/api/audit-log/export${query ? `?${query}` : ''}`;
}

export function useAuditLog(f: AuditFilterState) {
  return useInfiniteQuery({
    queryKey: ['audit-log', f],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => {
      const params = auditQuery(f);
      if (pageParam) params.set('cursor', pageParam);
      const query = params.toString();
      return api.get<AuditList>(`/api/audit-log${query ? `?${query}` : ''}`, signal);
    },
    getNextPageParam: (last) => last.nextCursor,
  });
}
