export { eraseContact } from './erase-contact';
export type { PrivacyActor, PrivacyDeps, PrivacyKeyActor } from './privacy.deps';
export { privacyRoutes } from './privacy.routes';
