export * from './auth';
export * from './channels';
export * from './errors';
export * from './inbox';
export * from './message-content';
export * from './outbound';
export * from './realtime';
export * from './whatsapp-errors';
