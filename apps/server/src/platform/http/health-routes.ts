import type { FastifyInstance } from 'fastify';
import { type Database, migrationsBehind } from '../db/database';

/** How long `/ready` waits for the database before it says it is not ready. */
const READY_TIMEOUT_MS = 2_000;

/**
 * For the reverse proxy and orchestrators. `/health`: the process answers (restart it if not).
 * `/ready`: it can serve, because its database answers and has every migration this version
 * needs; 503 otherwise, naming what is wrong. While the process shuts down, Fastify answers 503
 * to both (`return503OnClosing`), so a proxy stops sending it work.
 */
export function registerHealthRoutes(app: FastifyInstance, db: Database): void {
  app.get('/health', { schema: { hide: true } }, async () => ({ ok: true }));
  app.get('/ready', { schema: { hide: true } }, async (_req, reply) => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer within ${READY_TIMEOUT_MS / 1000} s`)),
        READY_TIMEOUT_MS,
      );
    });
    try {
      const behind = await Promise.race([migrationsBehind(db), timeout]);
      if (behind > 0) {
        return reply.status(503).send({
          ready: false,
          reason: `The database lacks ${behind} migration(s) of this version: restart the process to apply them, or check the log for the migration that failed.`,
        });
      }
      return { ready: true };
    } catch (err) {
      return reply.status(503).send({
        ready: false,
        reason: `The database does not answer (${err instanceof Error ? err.message : String(err)}): check DATABASE_URL and that PostgreSQL is running.`,
      });
    } finally {
      clearTimeout(timer);
    }
  });
}
