export type { AutomationDeps, AutomationEngineDeps } from './automation.deps';
export { automationRoutes } from './automation.routes';
export { type AutomationWorker, createAutomationWorker } from './automation-workers';
export { calendarFor } from './calendars/business-hours';
export { enqueueInboundForAutomation } from './engine/enqueue-inbound';
export { type Enrolment, enrollInSequence } from './sequences/enroll-in-sequence';
