import type { PermissionSpec } from './permission-spec';

const DAYS = 'from=2026-12-01&to=2026-12-07&tz=Europe/Madrid';

/**
 * Reports (modules/reports): everyone sees performance, an agent only their own row; the volume
 * and refreshing are the owners' and admins'. Another workspace's owner sees their own (empty)
 * figures, never these. SLA targets and the SLA report are the owners' and admins'; satisfaction
 * is everyone's, an agent's only their own.
 */
export const spec: PermissionSpec = {
  rows: [
    [
      'GET',
      () => `/api/reports/performance?${DAYS}`,
      undefined,
      200,
      200,
      200,
      200,
      undefined,
      (json, role) => {
        const report = json as { agents: { name: string }[]; teams: unknown[] };
        if (role === 'agent') return report.agents.length === 1 && report.teams.length === 0;
        if (role === 'foreign') return !report.agents.some((a) => a.name === 'Ana Owner');
        return report.agents.some((a) => a.name === 'Ana Owner');
      },
    ],
    ['GET', () => `/api/reports/volume?${DAYS}`, undefined, 200, 200, 403, 200],
    ['POST', () => '/api/reports/refresh', {}, 200, 200, 403, 200],
    ['GET', () => '/api/reports/sla-targets', undefined, 200, 200, 403, 200],
    [
      'PUT',
      () => '/api/reports/sla-targets',
      { teamId: null, firstResponseMinutes: 15, resolutionMinutes: 240 },
      200,
      200,
      403,
      200,
    ],
    ['GET', () => `/api/reports/sla?${DAYS}`, undefined, 200, 200, 403, 200],
    // Satisfaction: everyone; an agent only their own ratings (no team rows).
    [
      'GET',
      () => `/api/reports/csat?${DAYS}`,
      undefined,
      200,
      200,
      200,
      200,
      undefined,
      (json, role) => role !== 'agent' || (json as { teams: unknown[] }).teams.length === 0,
    ],
  ],
};
