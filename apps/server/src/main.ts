import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createSimulator } from '@charla/simulator';
import pino from 'pino';
import { buildApp } from './app';
import { loadConfigOrExit } from './config/load-env-file';
import { createContainer } from './container';
import { prepareDataDir } from './platform/data-dir';
import { openDatabase } from './platform/db/database';

const logger = pino({ level: 'info', transport: undefined });

/** What the start is doing, with the seconds since the process began, so a slow start is not silent. */
function progress(what: string): void {
  console.log(`  [${process.uptime().toFixed(1).padStart(5)} s] ${what}`);
}

async function main() {
  const config = loadConfigOrExit();
  logger.level = config.LOG_LEVEL;
  prepareDataDir(config.DATA_DIR);

  progress(
    config.DATABASE_URL
      ? 'Opening PostgreSQL (DATABASE_URL) and applying migrations…'
      : existsSync(join(config.DATA_DIR, 'db'))
        ? `Opening the embedded database in ${join(config.DATA_DIR, 'db')} and applying migrations…`
        : `Creating the embedded database in ${join(config.DATA_DIR, 'db')} (about 15 s the first time)…`,
  );
  const database = await openDatabase({
    url: config.DATABASE_URL,
    dataDir: join(config.DATA_DIR, 'db'),
    preparedStatements: config.DATABASE_PREPARED_STATEMENTS,
  });

  let simulator: ReturnType<typeof createSimulator> | null = null;
  let simulatorUrl: string | null = null;
  if (config.SIMULATOR_ENABLED) {
    progress(`Starting the WhatsApp simulator on port ${config.SIMULATOR_PORT}…`);
    simulator = createSimulator({ stateFile: `${config.DATA_DIR}/simulator.json` });
    simulatorUrl = await simulator.listen({ host: '127.0.0.1', port: config.SIMULATOR_PORT });
  }

  progress('Starting background jobs and the web server…');
  const container = await createContainer(config, { logger, simulatorUrl, database });
  // A line per request is noise for a small team's server: HTTP logs start at warn unless
  // LOG_LEVEL asks for debug or trace.
  const httpLogger = logger.child({ module: 'http' });
  if (!['debug', 'trace'].includes(config.LOG_LEVEL)) httpLogger.level = 'warn';
  const app = await buildApp(container, { logger: httpLogger });
  await container.startWorkers();
  await app.listen({ host: config.HOST, port: config.PORT });
  container.broadcastEngine.listening();
  container.outbox.listening();
  progress('Connecting the sandbox number…');
  await container.prepareWorkspaces();

  console.log(`\n  Charla is running: ${config.PUBLIC_URL}\n`);
  if (simulatorUrl) console.log(`  WhatsApp simulator (sandbox number): ${simulatorUrl}\n`);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info(`${signal}: shutting down`);
    // Within 10 s, as orchestrators expect (systemd, Docker and Kubernetes wait about that long
    // before SIGKILL). New requests get 503 at once (the proxy tries another process); requests
    // in flight get 5 s; work a step leaves unfinished is leased, so another process, or this
    // one restarted, takes it over: nothing acknowledged is lost by exiting.
    setTimeout(() => {
      logger.error(
        'shutdown took over 9.5 s: exiting anyway (unfinished work is taken over after its lease)',
      );
      process.exit(1);
    }, 9_500).unref();
    // A connection still busy then is cut (a client that stopped reading its answer would
    // otherwise hold the shutdown).
    setTimeout(() => app.server.closeAllConnections(), 5_000).unref();
    await app.close();
    await container.close();
    await simulator?.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err) => {
  logger.error({ err }, 'Charla could not start');
  process.exit(1);
});
