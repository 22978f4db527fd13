import { join } from 'node:path';
import type { Config } from './config/config';
import {
  type ApiDeps,
  createWebhookMetrics,
  createWebhookWorker,
  enqueueBroadcastCompleted,
  enqueueContactEvents,
  enqueueConversationEvents,
  enqueueFlowEvents,
  enqueueInboundEvents,
  enqueueLateStatusEvents,
  enqueueStatusEvents,
  enqueueTemplateEvents,
  type WebhookDeps,
} from './modules/api';
import type { AuditDeps } from './modules/audit';
import { type AuthDeps, liveSessions } from './modules/auth';
import {
  type AutomationDeps,
  type AutomationWorker,
  automationFilesInUse,
  botSessionsEnded,
  createAutomationWorker,
  enqueueInboundForAutomation,
  enqueueStateChanges,
  registerAutomationMetrics,
} from './modules/automation';
import {
  announcePausedBroadcasts,
  type BroadcastEngine,
  type BroadcastsDeps,
  createBroadcastEngine,
  defineBroadcastJobs,
  headerFilesInUse,
  pauseBroadcastsOf,
  scheduleBroadcastHousekeeping,
} from './modules/broadcasts';
import {
  type ChannelAdminDeps,
  type ChannelDirectory,
  type ConfiguredNumber,
  createChannelDirectory,
  createIngestWorker,
  createMediaDownloadWorker,
  createPhoneNumberCheck,
  createPhoneNumberLimits,
  createWebhookEventLog,
  createWhatsAppGateway,
  createWhatsAppTemplateGateway,
  definePurgeWebhookEventsJob,
  ensureConfiguredChannel,
  ensureSandboxChannels,
  hasPendingWebhooks,
  type IngestWorker,
  type MediaDownloadWorker,
  type MediaDownloadWorkerDeps,
  registerIngestMetrics,
  scheduleWebhookEventsPurge,
  type WebhookEventLog,
} from './modules/channels';
import {
  type ContactsDeps,
  contactEvents,
  contactFilterSql,
  decodeCsvBytes,
  defineContactJobs,
  normaliseContactFilters,
  normalizePhone,
  parseCsv,
  scheduleContactsHousekeeping,
  toCsv,
} from './modules/contacts';
import {
  askForRating,
  contactViewFilters,
  createPresence,
  createRoutingWorker,
  defineInboxJobs,
  getMediaFile,
  type InboxChange,
  type InboxDeps,
  lateStatusesApplied,
  onConversationEvents,
  type Presence,
  type RoutingWorker,
  reopenSnoozedConversations,
  returnConversationsToQueue,
  scheduleInboxHousekeeping,
  toOutboundContent,
} from './modules/inbox';
import { createShopifyWorker, type IntegrationsDeps } from './modules/integrations';
import {
  createOutboxEngine,
  createOutboxMetrics,
  failQueuedSendsOf,
  numberBacklog,
  type OutboxEngine,
} from './modules/outbox';
import type { PrivacyDeps } from './modules/privacy';
import { defineReportJobs, type ReportsDeps, scheduleReportRefresh } from './modules/reports';
import {
  createTemplateWebhookSink,
  defineTemplateJobs,
  findTemplateRow,
  headerSamplesInUse,
  scheduleTemplateSync,
  type TemplatesDeps,
  toTemplate,
} from './modules/templates';
import { type Clock, systemClock } from './platform/clock';
import { createSecretBox, type SecretBox } from './platform/crypto';
import { type Database, openDatabase } from './platform/db/database';
import { createEventBus, type EventBus } from './platform/events/event-bus';
import { outboundPolicy as createOutboundPolicy } from './platform/http/outbound-guard';
import { outboundRequest } from './platform/http/outbound-request';
import { registerJobMetrics } from './platform/jobs/job-metrics';
import { createJobQueue, type JobQueue } from './platform/jobs/job-queue';
import { createMailer, defaultSender } from './platform/mailer';
import { createMetricsRegistry, type MetricsRegistry } from './platform/metrics';
import { createRealtimeHub, type RealtimeHub } from './platform/realtime/realtime-hub';
import { createSessionWatch } from './platform/realtime/session-watch';
import { resolveSecretKey } from './platform/secret-key';
import { createLocalDiskStorage } from './platform/storage/local-disk-storage';
import type { MediaStorage } from './platform/storage/media-storage';
import { createS3Storage } from './platform/storage/s3-storage';

/** How often each process checks that its realtime sockets' sessions are still live. */
const SESSION_CHECK_MS = 1_000;

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
  /** Prometheus metrics served at /metrics (loopback only); modules register theirs here. */
  metrics: MetricsRegistry;
  /** Who is viewing/typing where, across processes (modules/inbox/presence). */
  presence: Presence;
  directory: ChannelDirectory;
  /** Connecting numbers and adding sandbox ones (settings > channels). */
  channels: ChannelAdminDeps;
  ingestWorker: IngestWorker;
  /** Downloads customers' files from WhatsApp as soon as ingest stores them. */
  mediaDownloads: MediaDownloadWorker;
  webhookEventLog: WebhookEventLog;
  auth: AuthDeps;
  /** The owner's activity log (modules/audit). */
  audit: AuditDeps;
  /** The public API: keys, /api/v1, idempotency (modules/api). */
  api: ApiDeps;
  /** Webhooks out: subscriptions, deliveries (modules/api). */
  webhooks: WebhookDeps;
  /** Incoming webhook triggers (modules/integrations). */
  integrations: IntegrationsDeps;
  /** Dashboards: agent performance and volume (modules/reports). */
  reports: ReportsDeps;
  /** Exporting and erasing one contact's data (modules/privacy). */
  privacy: PrivacyDeps;
  /** Business hours and rules (modules/automation). */
  automation: AutomationDeps;
  automationWorker: AutomationWorker;
  /** Hands waiting conversations to members as places free up (modules/inbox/routing). */
  routing: RoutingWorker;
  /** Contacts, their identities, attributes, consent and imports (modules/contacts). */
  contacts: ContactsDeps;
  inbox: InboxDeps;
  templates: TemplatesDeps;
  broadcasts: BroadcastsDeps;
  /** Sends the broadcasts of the numbers whose lease this process holds. */
  broadcastEngine: BroadcastEngine;
  /** Every number's one way out: conversational sends first, at the number's pace (modules/outbox). */
  outbox: OutboxEngine;
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
  /** Where media bytes go; defaults to what MEDIA_STORAGE says (DATA_DIR/media on local disk). */
  mediaStorage?: MediaStorage;
  /** Replaces the Graph client used to download media (tests). */
  mediaSourceFor?: MediaDownloadWorkerDeps['mediaSourceFor'];
  fetch?: typeof fetch;
  /** Replaces fetch for Graph calls of the sending gateway (tests simulate lost answers with it). */
  graphFetch?: typeof fetch;
}

/** Realtime events after which webhooks out may have new deliveries to send. */
const WAKES_WEBHOOKS = new Set(['conversation.updated', 'contact.updated']);

/** A shutdown step taking longer than this is named in the log. */
const CLOSE_WARN_MS = 10_000;
/**
 * A shutdown step still running after this is left behind (and named as an error), so a stuck
 * worker cannot keep the process from exiting or the database from closing.
 */
const CLOSE_GIVE_UP_MS = 25_000;

export async function createContainer(config: Config, opts: ContainerOptions): Promise<Container> {
  const clock = opts.clock ?? systemClock;
  const log = opts.logger;
  const db =
    opts.database ??
    (await openDatabase({
      url: config.DATABASE_URL,
      dataDir: join(config.DATA_DIR, 'db'),
      preparedStatements: config.DATABASE_PREPARED_STATEMENTS,
    }));
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
  const metrics = createMetricsRegistry();
  registerJobMetrics(metrics, db);
  registerIngestMetrics(metrics, db);
  registerAutomationMetrics(metrics, db);
  const mailer = createMailer({
    smtpUrl: config.SMTP_URL,
    from: config.SMTP_FROM ?? defaultSender(config.PUBLIC_URL),
  });

  const presence = createPresence({
    db,
    clock,
    bus,
    hub,
    log: (err) => log.error({ err }, 'presence error'),
    memberSeen: (m) => routing.memberSeen(m),
  });
  bus.subscribe(presence.route);
  // A socket lives as long as its session: ended sessions are announced to every process, and
  // each process checks its sockets' sessions (expiry, removal, role change) every second.
  const sessionWatch = createSessionWatch({
    hub,
    live: (ids) => liveSessions({ orm: db.orm, clock }, ids),
    intervalMs: SESSION_CHECK_MS,
    log: (err) => log.error({ err }, 'checking realtime sessions failed'),
  });
  bus.subscribe((event) => {
    if (event.type === 'sessions.ended' && Array.isArray(event.sessionIds))
      sessionWatch.ended(event.sessionIds.map(String));
  });
  const sessionsEnded: AuthDeps['sessionsEnded'] = ({ workspaceId, userId, sessionIds }) => {
    const events = [];
    // Session ids are 64 characters: 50 a notification stay under the NOTIFY size limit.
    for (let i = 0; i < sessionIds.length; i += 50)
      events.push({ workspaceId, type: 'sessions.ended', userId, sessionIds: sessionIds.slice(i, i + 50) });
    return bus.publishMany(events);
  };

  async function notify(changes: InboxChange[]) {
    // Whoever changed a conversation (a member, a rule, the ingest, a snooze ending), a place
    // may have freed up or a conversation started waiting: this process's router looks.
    routing.conversationsChanged(changes);
    const seen = new Set<string>();
    const events = [];
    for (const c of changes) {
      const event =
        c.kind === 'note.mentioned'
          ? {
              workspaceId: c.workspaceId,
              type: c.kind,
              conversationId: c.conversationId,
              noteId: c.noteId,
              userId: c.userId,
            }
          : c.kind === 'conversation.updated'
            ? {
                workspaceId: c.workspaceId,
                type: c.kind,
                conversationId: c.conversationId,
                ...(c.formerlyAssigned && { formerlyAssigned: c.formerlyAssigned }),
              }
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
  const media = opts.mediaStorage ?? createMediaStorage(config);
  // The number's pace is the broadcasts module's setting; that engine is built below.
  let broadcastEngine: BroadcastEngine | null = null;
  const outbox = createOutboxEngine(
    {
      db,
      clock,
      gateway,
      config: {
        leaseMs: config.BROADCAST_LEASE_SECONDS * 1000,
        inDoubtGraceMs: config.BROADCAST_IN_DOUBT_GRACE_SECONDS * 1000,
        defaultRatePerSecond: config.BROADCAST_DEFAULT_RATE_PER_SECOND,
        unpaced: config.BROADCAST_BENCHMARK_UNPACED,
      },
      toOutboundContent: (workspaceId, content) => toOutboundContent(inbox, workspaceId, content),
      webhooksPending: () => hasPendingWebhooks(db),
      notify,
      log: { error: (o, m) => log.error(o, m), warn: (o, m) => log.warn(o, m) },
      metrics: createOutboxMetrics(metrics, {
        db,
        numbers: async () => new Map((await directory.all()).map((c) => [c.id, c.phoneNumberId])),
      }),
    },
    (channelId) =>
      broadcastEngine?.rateOf(channelId) ?? Promise.resolve(config.BROADCAST_DEFAULT_RATE_PER_SECOND),
  );
  /** `contact.updated` to the browsers (contacts module, and the inbox when it adds a contact). */
  const contactsChanged: ContactsDeps['contactsChanged'] = (changes) =>
    bus.publishMany(
      changes.map((c) => ({ workspaceId: c.workspaceId, type: 'contact.updated', contactId: c.contactId })),
    );
  /** Members' changes (a label, a status, a tag, an attribute) that automation rules may wait for. */
  const automationEvents = {
    queue: enqueueStateChanges,
    wake: () => automationWorker.wake(),
  };
  const inbox: InboxDeps = {
    db,
    clock,
    jobs,
    gateway,
    outbox,
    notify,
    log: { error: (o, m) => log.error(o, m) },
    contactsChanged,
    automationEvents,
    media,
    mediaInUse: async (ids) => {
      const [samples, broadcastFiles, automationFiles] = await Promise.all([
        headerSamplesInUse(db, ids),
        headerFilesInUse(db, ids),
        automationFilesInUse(db, ids),
      ]);
      return new Set([...samples, ...broadcastFiles, ...automationFiles]);
    },
  };
  defineInboxJobs(inbox);
  const contacts: ContactsDeps = {
    db,
    clock,
    jobs,
    contactsChanged,
    automationEvents,
  };
  defineContactJobs(contacts);
  definePurgeWebhookEventsJob(jobs, { db, clock }, config.WEBHOOK_EVENTS_RETENTION_DAYS);
  const mediaDownloads = createMediaDownloadWorker(
    {
      db,
      directory,
      storage: media,
      notify,
      mediaSourceFor: opts.mediaSourceFor,
      log: { error: (o, m) => log.error(o, m) },
    },
    { perNumber: config.MEDIA_DOWNLOADS_PER_NUMBER, total: config.MEDIA_DOWNLOADS_TOTAL },
  );
  const templates: TemplatesDeps = {
    db,
    clock,
    jobs,
    gateway: createWhatsAppTemplateGateway(directory, opts.graphFetch ? { fetch: opts.graphFetch } : {}),
    wabasOf: async (workspaceId) => [
      ...new Set((await directory.all()).filter((c) => c.workspaceId === workspaceId).map((c) => c.wabaId)),
    ],
    allAccounts: async () => {
      const all = (await directory.all()).map((c) => `${c.workspaceId} ${c.wabaId}`);
      return [...new Set(all)].map((k) => ({ workspaceId: k.split(' ')[0]!, wabaId: k.split(' ')[1]! }));
    },
    readMedia: async (workspaceId, mediaId) => {
      const file = await getMediaFile(inbox, workspaceId, mediaId).catch(() => null);
      if (!file) return null;
      const chunks: Buffer[] = [];
      for await (const chunk of file.stream) chunks.push(chunk as Buffer);
      return {
        bytes: Buffer.concat(chunks),
        mimeType: file.contentType,
        filename: file.filename ?? 'sample',
      };
    },
    notify: async (changes) => {
      await bus.publishMany(
        changes.map((c) => ({
          workspaceId: c.workspaceId,
          type: 'template.updated',
          templateId: c.templateId,
        })),
      );
      // Reviews (Meta's webhook, the sync, a submission) are announced once their change is written.
      await enqueueTemplateEvents(
        db.query,
        changes.map((c) => c.templateId),
        clock.now(),
      )
        .then((n) => n > 0 && webhookWorker.wake())
        .catch((err) => log.error({ err }, 'queueing template.status_changed failed'));
    },
  };
  defineTemplateJobs(templates, (err, msg) => log.error({ err }, msg));

  const broadcasts: BroadcastsDeps = {
    db,
    clock,
    jobs,
    gateway,
    acquireLane: (channelId) => outbox.acquireLane(channelId),
    config: {
      defaultRatePerSecond: config.BROADCAST_DEFAULT_RATE_PER_SECOND,
      inDoubtGraceMs: config.BROADCAST_IN_DOUBT_GRACE_SECONDS * 1000,
      leaseMs: config.BROADCAST_LEASE_SECONDS * 1000,
      unpaced: config.BROADCAST_BENCHMARK_UNPACED,
    },
    webhooksPending: () => hasPendingWebhooks(db),
    findTemplate: async (workspaceId, id) => {
      const row = await findTemplateRow(db, workspaceId, id).catch(() => null);
      return row ? toTemplate(row) : null;
    },
    toOutboundContent: (workspaceId, content) => toOutboundContent(inbox, workspaceId, content),
    contactViewFilters: (viewer, viewId) => contactViewFilters(inbox, viewer, viewId),
    normaliseContactFilters: (workspaceId, raw) => normaliseContactFilters(contacts, workspaceId, raw),
    contactFilterSql,
    normalizePhone,
    readCsv: (bytes) => parseCsv(decodeCsvBytes(bytes)).rows,
    toCsv,
    channelLimits: createPhoneNumberLimits(directory, opts.graphFetch ? { fetch: opts.graphFetch } : {}),
    publish: async (event) => {
      // A finished broadcast is announced with its counts (once per completion, see the function).
      if (event.type === 'broadcast.updated' && event.status === 'completed')
        await enqueueBroadcastCompleted(
          db.query,
          { workspaceId: event.workspaceId, broadcastId: String(event.broadcastId), counts: event.counts },
          clock.now(),
        )
          .then((n) => n > 0 && webhookWorker.wake())
          .catch((err) => log.error({ err }, 'queueing broadcast.completed failed'));
      await bus.publish(event);
    },
    notifyConversations: (changes) => notify(changes.map((c) => ({ kind: 'message.created', ...c }))),
    log: { error: (o, m) => log.error(o, m), warn: (o, m) => log.warn(o, m) },
  };
  const engine = createBroadcastEngine(broadcasts);
  broadcastEngine = engine;
  // A contact erased while sends to it were claimed: whichever process holds them drops them.
  bus.subscribe((event) => {
    if (event.type !== 'sends.forgotten') return;
    if (Array.isArray(event.recipientIds)) engine.forget(event.recipientIds.map(Number));
    if (Array.isArray(event.conversationIds)) outbox.forget(event.conversationIds.map(String));
  });
  defineBroadcastJobs(broadcasts, () => engine.poke());

  const automation: AutomationDeps = {
    db,
    clock,
    checkContent: (draft) => gateway.checkContent(draft),
    notify,
    wakeAutomation: () => automationWorker.wake(),
  };
  const outboundPolicy = createOutboundPolicy(config.OUTBOUND_HTTP_ALLOW);
  const integrations: IntegrationsDeps = {
    db,
    clock,
    secrets,
    inbox,
    automation,
    publicUrl: config.PUBLIC_URL,
    wakeAutomation: () => automationWorker.wake(),
    wakeShopify: () => shopifyWorker.wake(),
    log: { error: (o, m) => log.error(o, m) },
  };
  const shopifyWorker = createShopifyWorker(integrations);
  const reports: ReportsDeps = { db, clock, jobs };
  defineReportJobs(reports);
  const automationWorker = createAutomationWorker({
    ...automation,
    outbox,
    callHttp: (req) => outboundRequest(outboundPolicy, req),
    log: { error: (o, m) => log.error(o, m), warn: (o, m) => log.warn(o, m) },
    askForRating: (workspaceId, conversationId) =>
      askForRating(inbox, { workspaceId, userId: null }, conversationId),
  });

  const routing = createRoutingWorker({
    db,
    clock,
    notify,
    log: { error: (o, m) => log.error(o, m) },
  });

  const webhooks: WebhookDeps = {
    db,
    clock,
    secrets,
    callHttp: (req) => outboundRequest(outboundPolicy, req),
    wake: () => webhookWorker.wake(),
    tellOwners: async (workspaceId, subject, text) => {
      if (!mailer) return;
      const owners = await db.query<{ email: string }>(
        `SELECT u.email FROM workspace_members m JOIN users u ON u.id = m.user_id
          WHERE m.workspace_id = $1 AND m.role = 'owner'`,
        [workspaceId],
      );
      for (const o of owners) await mailer.send({ to: o.email, subject, text });
    },
    log: { error: (o, m) => log.error(o, m) },
    metrics: createWebhookMetrics(metrics, db),
  };
  const webhookWorker = createWebhookWorker(webhooks);

  // Conversations' changes queue their deliveries in their own transactions; every process hears
  // the change after commit (the realtime event) and looks.
  onConversationEvents(enqueueConversationEvents);
  botSessionsEnded.on(enqueueFlowEvents);
  // Contacts, late statuses and bots queue theirs in the transaction that adds, applies or ends
  // them; that transaction's commit wakes the workers (announceQueued).
  contactEvents.on(enqueueContactEvents);
  lateStatusesApplied.on(enqueueLateStatusEvents);
  bus.subscribe((event) => {
    if (WAKES_WEBHOOKS.has(String(event.type))) webhookWorker.wake();
  });

  const ingestWorker = createIngestWorker({
    templates: createTemplateWebhookSink(templates),
    db,
    clock,
    secrets,
    directory,
    notify,
    wakeMediaDownloads: () => mediaDownloads.wake(),
    onInbound: (query, recorded) =>
      enqueueInboundForAutomation(query, {
        messageIds: recorded.inboundIds ?? [],
        createdConversationIds: recorded.createdConversationIds ?? [],
        reopenedConversationIds: recorded.reopenedConversationIds ?? [],
      }),
    wakeAutomation: () => automationWorker.wake(),
    onEvents: async (query, recorded, statuses) =>
      (await enqueueInboundEvents(
        query,
        {
          messageIds: recorded.inboundIds ?? [],
          createdConversationIds: recorded.createdConversationIds ?? [],
        },
        clock.now(),
      )) + (await enqueueStatusEvents(query, statuses, clock.now())),
    wakeEvents: () => webhookWorker.wake(),
    queueSends: (ids) => outbox.queueMessages(ids),
    onStatuses: async (query, statuses) => {
      await engine.onStatuses(query, statuses);
      await outbox.onStatuses(query, statuses);
    },
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
    backlogOf: (workspaceId, channelIds) => numberBacklog(db, workspaceId, channelIds, clock.now()),
    sandbox: sandboxOptions,
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
    // A disconnected number: its queued sends fail, its broadcasts pause (same transaction).
    stopSendsOf: async (query, { workspaceId, channelId }, why) => {
      const changes = await failQueuedSendsOf(query, channelId, why.error);
      const paused = await pauseBroadcastsOf(query, channelId, why.reason);
      return async () => {
        await notify(changes);
        await announcePausedBroadcasts(broadcasts, workspaceId, paused);
      };
    },
    channelsChanged: (workspaceId) => bus.publish({ workspaceId, type: 'channels.changed' }),
  };
  // A number connected or disconnected through any process: every process reloads its directory.
  bus.subscribe((event) => {
    if (event.type === 'channels.changed') directory.invalidate();
  });

  const privacy: PrivacyDeps = {
    db,
    media,
    notify,
    sendsForgotten: (workspaceId, forgotten) =>
      bus.publish({ workspaceId, type: 'sends.forgotten', ...forgotten }),
    log: { error: (o, m) => log.error(o, m) },
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
    metrics,
    presence,
    directory,
    channels,
    ingestWorker,
    mediaDownloads,
    webhookEventLog: createWebhookEventLog(db),
    audit: { db },
    api: {
      db,
      clock,
      inbox,
      contacts,
      templates,
      broadcasts,
      pokeBroadcasts: () => engine.poke(),
      automation,
      privacy,
    },
    webhooks,
    integrations,
    reports,
    automation,
    automationWorker,
    routing,
    privacy,
    auth: {
      orm: db.orm,
      clock,
      sessionDays: config.SESSION_DAYS,
      publicUrl: config.PUBLIC_URL,
      sessionsEnded,
      mailer,
      memberSeen: (m) => routing.memberSeen(m),
      autoAssignChanged: (workspaceId) => routing.wake(workspaceId),
      returnConversationsToQueue: async (input) => {
        await returnConversationsToQueue(inbox, input);
      },
    },
    contacts,
    inbox,
    templates,
    broadcasts,
    broadcastEngine: engine,
    outbox,
    simulatorUrl: opts.simulatorUrl,
    async prepareWorkspaces() {
      const channelDeps = { db, clock, secrets, directory };
      await ensureConfiguredChannel(channelDeps, configured);
      await ensureSandboxChannels(channelDeps, sandboxOptions(), opts.fetch);
    },
    async startWorkers() {
      await bus.start();
      presence.start();
      sessionWatch.start();
      await jobs.start();
      ingestWorker.start();
      mediaDownloads.start();
      automationWorker.start();
      await webhookWorker.start();
      shopifyWorker.start();
      routing.start();
      await outbox.start();
      engine.start();
      await scheduleTemplateSync(jobs);
      await scheduleInboxHousekeeping(jobs);
      await scheduleContactsHousekeeping(jobs);
      await scheduleWebhookEventsPurge(jobs);
      await scheduleBroadcastHousekeeping(jobs);
      await scheduleReportRefresh(jobs);
      recovery = setInterval(() => {
        reopenSnoozedConversations(inbox).catch((err) => log.error({ err }, 'reopening snoozed failed'));
      }, 30_000);
    },
    async close() {
      if (recovery) clearInterval(recovery);
      mailer?.close();
      presence.stop();
      sessionWatch.stop();
      // One step at a time; a step that takes long is named in the log, so a shutdown that hangs
      // says where.
      const steps: [string, () => Promise<void>][] = [
        ['broadcast engine', () => engine.stop()],
        ['outbox', () => outbox.stop()],
        ['ingest worker', () => ingestWorker.stop()],
        ['automation', () => automationWorker.stop()],
        ['webhooks', () => webhookWorker.stop()],
        ['shopify', () => shopifyWorker.stop()],
        ['routing', () => routing.stop()],
        ['media downloads', () => mediaDownloads.stop()],
        ['job queue', () => jobs.stop()],
        ['event bus', () => bus.stop()],
        ['database', () => db.close()],
      ];
      for (const [name, stop] of steps) {
        const slow = setTimeout(() => log.warn({ step: name }, `still closing: ${name}`), CLOSE_WARN_MS);
        let giveUp: NodeJS.Timeout | undefined;
        const stuck = new Promise<'stuck'>((resolve) => {
          giveUp = setTimeout(() => resolve('stuck'), CLOSE_GIVE_UP_MS);
        });
        try {
          if ((await Promise.race([stop(), stuck])) === 'stuck')
            log.error(
              { step: name },
              `gave up closing: ${name} (still running after ${CLOSE_GIVE_UP_MS} ms)`,
            );
        } finally {
          clearTimeout(slow);
          clearTimeout(giveUp);
        }
      }
    },
  };
}

/** DATA_DIR/media, or the bucket MEDIA_STORAGE=s3 names (config refuses s3 without its settings). */
function createMediaStorage(config: Config): MediaStorage {
  if (config.MEDIA_STORAGE === 'local') return createLocalDiskStorage(join(config.DATA_DIR, 'media'));
  return createS3Storage({
    endpoint: config.S3_ENDPOINT!,
    bucket: config.S3_BUCKET!,
    region: config.S3_REGION,
    accessKeyId: config.S3_ACCESS_KEY_ID!,
    secretAccessKey: config.S3_SECRET_ACCESS_KEY!,
    forcePathStyle: config.S3_FORCE_PATH_STYLE,
  });
}
