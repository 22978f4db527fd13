export { type ConversationHistory, type Cycle, computeCycles } from './compute-cycles';
export { rebuildReports, refreshReports } from './refresh-reports';
export type { ReportsActor, ReportsDeps } from './reports.deps';
export { defineReportJobs, scheduleReportRefresh } from './reports.jobs';
export { reportsRoutes } from './reports.routes';
