import type { PermissionSpec } from './permission-spec';

const DAYS = 'from=2026-12-01&to=2026-12-07&tz=Europe/Madrid';

/** Reports on broadcasts, templates and automation (modules/reports): owners and admins only. */
export const spec: PermissionSpec = {
  rows: [
    ['GET', () => `/api/reports/campaigns?${DAYS}`, undefined, 200, 200, 403, 200],
    ['GET', () => `/api/reports/automation?${DAYS}`, undefined, 200, 200, 403, 200],
  ],
};
