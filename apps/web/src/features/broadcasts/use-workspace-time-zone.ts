import { browserTimeZone } from '../../lib/time-zones';
import { useSession } from '../auth/require-auth';
import { isValidTimeZone } from './schedule-time';

/**
 * The workspace's time zone (Settings → Workspace): broadcasts are scheduled and shown in it,
 * whatever the browser's is. The browser's only if this browser does not know that zone.
 */
export function useWorkspaceTimeZone(): string {
  const { workspace } = useSession();
  return isValidTimeZone(workspace.timezone) ? workspace.timezone : browserTimeZone();
}
