import type { preHandlerAsyncHookHandler } from 'fastify';
import type { ReportsActor, ReportsDeps } from './reports.deps';

/** What the reports' routes are registered with (app.ts). */
export interface ReportsRoutesOptions {
  deps: ReportsDeps;
  requireMember: preHandlerAsyncHookHandler;
  authOf(request: unknown): ReportsActor;
}
