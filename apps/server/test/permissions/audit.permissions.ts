import type { PermissionSpec } from './permission-spec';

/** The activity log (modules/audit): the owner's alone; another workspace's owner reads their own. */
export const spec: PermissionSpec = {
  rows: [
    ['GET', () => '/api/audit-log', undefined, 200, 403, 403, 200],
    ['GET', () => '/api/audit-log/export', undefined, 200, 403, 403, 200],
  ],
};
