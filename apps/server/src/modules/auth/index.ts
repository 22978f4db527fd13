export type { AuthDeps } from './auth.deps';
export { authOf, createAuthGuard, SESSION_COOKIE } from './auth.guard';
export { authRoutes } from './auth.routes';
export { workspaces } from './auth.schema';
export { type EndSessionsTarget, endSessions, liveSessions, type SessionsEnded } from './end-sessions';
export type { AuthContext } from './sessions';
export { assertAdmin } from './teams';
export { checkTimeZone, normaliseTimeZone } from './time-zone';
