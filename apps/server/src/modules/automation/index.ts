export type { AutomationDeps, AutomationEngineDeps } from './automation.deps';
export { automationRoutes } from './automation.routes';
export { calendarFor } from './calendars/business-hours';
export { type AutomationWorker, createAutomationWorker } from './engine/automation-worker';
export { enqueueInboundForAutomation } from './engine/enqueue-inbound';
