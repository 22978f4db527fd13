import type { Me } from '@charla/contracts';
import { createContext, useContext, useEffect } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { ServerUnavailable } from '../../app/server-unavailable';
import { applyUserLocale } from '../../i18n';
import { isApiError } from '../../lib/api';
import { FullPageSpinner } from '../../ui/spinner';
import { useMe } from './auth.api';

const SessionContext = createContext<Me | null>(null);

/** The signed-in user, workspace and role. Only valid below <RequireAuth>. */
export function useSession(): Me {
  const me = useContext(SessionContext);
  if (!me) throw new Error('useSession() used outside <RequireAuth>');
  return me;
}

export function canManageMembers(role: Me['role']): boolean {
  return role === 'owner' || role === 'admin';
}

export function RequireAuth() {
  const me = useMe();
  const location = useLocation();
  const user = me.data?.user;

  useEffect(() => {
    if (user) applyUserLocale(user);
  }, [user]);

  // A refetch answered 401 (session ended: logout elsewhere, removed, deactivated): the cached
  // `data` of before must not keep the app open.
  const isSignedOut =
    isApiError(me.error, 'unauthorized') || (isApiError(me.error) && me.error.status === 401);
  if (isSignedOut) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  if (me.data) {
    return (
      <SessionContext value={me.data}>
        <Outlet />
      </SessionContext>
    );
  }
  if (me.isError) {
    return <ServerUnavailable onRetry={() => void me.refetch()} />;
  }
  return <FullPageSpinner />;
}
