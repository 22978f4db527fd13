export { type BroadcastEngine, createBroadcastEngine } from './broadcast-engine';
export type { BroadcastsConfig, BroadcastsDeps, ChannelLimits } from './broadcasts.deps';
export { defineBroadcastJobs } from './broadcasts.jobs';
export { broadcastsRoutes } from './broadcasts.routes';
