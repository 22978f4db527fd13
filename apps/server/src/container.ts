import { join } from 'node:path';
import type { Config } from './config/config';
import type { AuthDeps } from './modules/auth';
import {
  type ChannelAdminDeps,
  type ChannelDirectory,
  type ConfiguredNumber,
  createChannelDirectory,
  createIngestWorker,
  createPhoneNumberCheck,
  createWebhookEventLog,
  createWhatsAppGateway,
  defineChannelJobs,
  ensureConfiguredChannel,
  ensureSandboxChannels,
  type IngestWorker,
  queueMediaDownloads,
  recoverStrandedMedia,
  type WebhookEventLog,
} from './modules/channels';
import {
  defineInboxJobs,
  type InboxChange,
  type InboxDeps,
  recoverStrandedSends,
  reopenSnoozedConversations,
} from './modules/inbox';
import { type Clock, systemClock } from './platform/clock';
import { createSecretBox, type SecretBox } from './platform/crypto';
import { type Database, openDatabase } from './platform/db/database';
import { createEventBus, type EventBus } from './platform/events/event-bus';
import { createJobQueue, type JobQueue } from './platform/jobs/job-queue';
import { createRealtimeHub, type RealtimeHub } from './platform/realtime/realtime-hub';
import { resolveSecretKey } from './platform/secret-key';
import { createLocalDiskStorage } from './platform/storage/local-disk-storage';
import type { MediaStorage } from './platform/storage/media-storage';

export interface Logger {
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
}

/** Everything the app needs, built once: plain objects, no framework. */
export interface Container {
  config: Config;
  clock: Clock;
  db: Database;
  secrets: SecretBox;
  jobs: JobQueue;
  bus: EventBus;
  hub: RealtimeHub;
  directory: ChannelDirectory;
  /** Connecting numbers and adding sandbox ones (settings > channels). */
  channels: ChannelAdminDeps;
  ingestWorker: IngestWorker;
  webhookEventLog: WebhookEventLog;
  auth: AuthDeps;
  inbox: InboxDeps;
  simulatorUrl: string | null;
  /** Prepares channels for workspaces (sandbox number, configured real number). */
  prepareWorkspaces(): Promise<void>;
  /** Starts the background work: event fan-out, jobs, webhook ingestion. */
  startWorkers(): Promise<void>;
  close(): Promise<void>;
}

export interface ContainerOptions {
  clock?: Clock;
  logger: Logger;
  /** Base URL of a running simulator for the sandbox numbers, or null. */
  simulatorUrl: string | null;
  /** Where the simulator should post webhooks; defaults to this server's own address. */
  webhookUrl?: string;
  database?: Database;
  /** Where media bytes go; defaults to DATA_DIR/media on local disk. */
  mediaStorage?: MediaStorage;
  /** Replaces the Graph client used to download media (tests). */
  mediaSourceFor?: Parameters<typeof defineChannelJobs>[0]['mediaSourceFor'];
  fetch?: typeof fetch;
  /** Replaces fetch for Graph calls of the sending gateway (tests simulate lost answers with it). */
  graphFetch?: typeof fetch;
}

export async function createContainer(config: Config, opts: ContainerOptions): Promise<Container> {
  const clock = opts.clock ?? systemClock;
  const log = opts.logger;
  const db =
    opts.database ?? (await openDatabase({ url: config.DATABASE_URL, dataDir: join(config.DATA_DIR, 'db') }));
  const secretKey = resolveSecretKey(config.SECRET_KEY, config.DATA_DIR);
  if (secretKey.generated)
    log.warn(
      `Generated a new secret key in ${join(config.DATA_DIR, 'secret.key')}; back it up with your data.`,
    );
  const secrets = createSecretBox(secretKey.key);
  const jobs = createJobQueue(db, (err) => log.error({ err }, 'job queue error'));
  const bus = createEventBus(db, (err) => log.error({ err }, 'event bus error'));
  const hub = createRealtimeHub();
  const directory = createChannelDirectory({ db, clock, secrets });

  bus.subscribe(({ workspaceId, ...event }) => hub.push(workspaceId, event));

  async function notify(changes: InboxChange[]) {
    const seen = new Set<string>();
    const events = [];
    for (const c of changes) {
      const event =
        c.kind === 'conversation.updated'
          ? { workspaceId: c.workspaceId, type: c.kind, conversationId: c.conversationId }
          : {
              workspaceId: c.workspaceId,
              type: c.kind,
              conversationId: c.conversationId,
              messageId: c.messageId,
            };
      const key = JSON.stringify(event);
      if (!seen.has(key)) {
        seen.add(key);
        events.push(event);
      }
    }
    await bus.publishMany(events);
  }

  const gateway = createWhatsAppGateway(directory, {
    now: () => clock.now(),
    ...(opts.graphFetch && { fetch: opts.graphFetch }),
  });
  const media = opts.mediaStorage ?? createLocalDiskStorage(join(config.DATA_DIR, 'media'));
  const inbox: InboxDeps = { db, clock, jobs, gateway, notify, media };
  defineInboxJobs(inbox);
  defineChannelJobs({ db, jobs, directory, storage: media, notify, mediaSourceFor: opts.mediaSourceFor });
  const ingestWorker = createIngestWorker({
    db,
    clock,
    secrets,
    directory,
    notify,
    queueMediaDownloads: (ids) => queueMediaDownloads(jobs, ids),
    log: { error: (o, m) => log.error(o, m), warn: (o, m) => log.warn(o, m) },
  });

  const configured: ConfiguredNumber | null =
    config.WHATSAPP_PHONE_NUMBER_ID && config.WHATSAPP_ACCESS_TOKEN && config.WHATSAPP_APP_SECRET
      ? {
          phoneNumberId: config.WHATSAPP_PHONE_NUMBER_ID,
          wabaId: config.WHATSAPP_WABA_ID ?? '',
          displayPhoneNumber: config.WHATSAPP_DISPLAY_PHONE_NUMBER ?? config.WHATSAPP_PHONE_NUMBER_ID,
          accessToken: config.WHATSAPP_ACCESS_TOKEN,
          appSecret: config.WHATSAPP_APP_SECRET,
          verifyToken: config.WHATSAPP_VERIFY_TOKEN ?? '',
          graphBaseUrl: config.GRAPH_API_BASE_URL,
          graphVersion: config.GRAPH_API_VERSION,
        }
      : null;

  const sandboxOptions = () => ({
    simulatorUrl: opts.simulatorUrl,
    webhookUrl: opts.webhookUrl ?? `http://127.0.0.1:${config.PORT}/webhooks/whatsapp`,
    graphVersion: config.GRAPH_API_VERSION,
  });
  const channels: ChannelAdminDeps = {
    db,
    clock,
    secrets,
    directory,
    graphBaseUrl: config.GRAPH_API_BASE_URL,
    graphVersion: config.GRAPH_API_VERSION,
    checkNumber: createPhoneNumberCheck({
      baseUrl: config.GRAPH_API_BASE_URL,
      version: config.GRAPH_API_VERSION,
      ...(opts.fetch ? { fetch: opts.fetch } : {}),
    }),
    view: { simulatorUrl: opts.simulatorUrl, publicUrl: config.PUBLIC_URL },
    sandbox: sandboxOptions,
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
  };

  let recovery: NodeJS.Timeout | null = null;
  return {
    config,
    clock,
    db,
    secrets,
    jobs,
    bus,
    hub,
    directory,
    channels,
    ingestWorker,
    webhookEventLog: createWebhookEventLog(db),
    auth: { orm: db.orm, clock, sessionDays: config.SESSION_DAYS, publicUrl: config.PUBLIC_URL },
    inbox,
    simulatorUrl: opts.simulatorUrl,
    async prepareWorkspaces() {
      const channelDeps = { db, clock, secrets, directory };
      await ensureConfiguredChannel(channelDeps, configured);
      await ensureSandboxChannels(channelDeps, sandboxOptions(), opts.fetch);
    },
    async startWorkers() {
      await bus.start();
      await jobs.start();
      ingestWorker.start();
      await recoverStrandedSends(inbox);
      recovery = setInterval(() => {
        recoverStrandedSends(inbox).catch((err) => log.error({ err }, 'recovering stranded sends failed'));
        recoverStrandedMedia({ db, jobs }, clock.now()).catch((err) =>
          log.error({ err }, 'recovering stranded media downloads failed'),
        );
        reopenSnoozedConversations(inbox).catch((err) => log.error({ err }, 'reopening snoozed failed'));
      }, 30_000);
    },
    async close() {
      if (recovery) clearInterval(recovery);
      await ingestWorker.stop();
      await jobs.stop();
      await bus.stop();
      await db.close();
    },
  };
}
