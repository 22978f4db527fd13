export type { AutomationDeps, AutomationEngineDeps } from './automation.deps';
export { automationRoutes } from './automation.routes';
export { automationFilesInUse } from './automation-files-in-use';
export { registerAutomationMetrics } from './automation-metrics';
export { type AutomationWorker, createAutomationWorker } from './automation-workers';
export { calendarFor, calendarsOf, type WorkspaceCalendars } from './calendars/business-hours';
export { enqueueInboundForAutomation } from './engine/enqueue-inbound';
export {
  enqueueStateChanges,
  type StateChange,
  type StateChangeEvent,
} from './engine/enqueue-state-changes';
export { type BotSessionEnded, botSessionsEnded } from './flows/bot-session-events';
export { startBot } from './flows/bot-sessions';
export { startFlowForCustomer } from './flows/start-flow-for-customer';
export { type Enrolment, enrollInSequence, enrolResultOrThrow } from './sequences/enroll-in-sequence';
