export { applyTemplateEvents, createTemplateWebhookSink } from './apply-template-events';
export { createTemplate } from './create-template';
export { deleteTemplate } from './delete-template';
export { headerSamplesInUse } from './header-samples-in-use';
export { getTemplate, listTemplates } from './list-templates';
export { syncTemplates } from './sync-templates';
export { buildTemplateContent, prepareTemplateSend } from './template-send';
export { defineTemplateJobs, SYNC_TEMPLATES_JOB, scheduleTemplateSync } from './templates.jobs';
export type {
  RemoteTemplate,
  TemplateAccount,
  TemplateChange,
  TemplateEvent,
  TemplateGateway,
  TemplateSample,
  TemplatesDeps,
} from './templates.ports';
export { findTemplateRow, toTemplate } from './templates.repository';
export { templatesRoutes } from './templates.routes';
