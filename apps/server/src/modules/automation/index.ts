export type { AutomationDeps } from './automation.deps';
export { automationRoutes } from './automation.routes';
export { calendarFor } from './calendars/business-hours';
