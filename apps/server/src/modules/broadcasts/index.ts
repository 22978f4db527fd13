export { type BroadcastEngine, createBroadcastEngine } from './broadcast-engine';
export type { BroadcastsConfig, BroadcastsDeps, ChannelLimits } from './broadcasts.deps';
export { defineBroadcastJobs, scheduleBroadcastHousekeeping } from './broadcasts.jobs';
export { broadcastsRoutes } from './broadcasts.routes';
export { forgetBroadcastRecipient } from './forget-recipient';
export { headerFilesInUse } from './header-files-in-use';
export { retryLimitedRecipients } from './limited-recipients';
export { purgeUnusedCsvAudiences, UNUSED_CSV_AUDIENCE_DAYS } from './purge-unused-csv-audiences';
export { announcePausedBroadcasts, pauseBroadcastsOf } from './stop-number-broadcasts';
