export type { PrivacyDeps } from './privacy.deps';
export { privacyRoutes } from './privacy.routes';
