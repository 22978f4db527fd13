// Every table, for drizzle-kit and the typed database handle. Each module owns its own file.

export * from './modules/api/api.schema';
export * from './modules/api/webhooks/webhooks.schema';
export * from './modules/audit/audit.schema';
export * from './modules/auth/auth.schema';
export * from './modules/automation/automation.schema';
export * from './modules/automation/sequences/sequences.schema';
export * from './modules/broadcasts/broadcasts.schema';
export * from './modules/channels/channels.schema';
export * from './modules/contacts/contacts.schema';
export * from './modules/inbox/csat/csat.schema';
export * from './modules/inbox/inbox.schema';
export * from './modules/inbox/presence/presence.schema';
export * from './modules/inbox/routing/routing.schema';
export * from './modules/integrations/integrations.schema';
export * from './modules/integrations/shopify/shopify.schema';
export * from './modules/outbox/outbox.schema';
export * from './modules/reports/reports.schema';
export * from './modules/templates/templates.schema';
