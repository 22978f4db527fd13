import { isIP } from 'node:net';
import { z } from 'zod';
import { isOutboundAllowEntry } from '../platform/http/outbound-guard';

const BooleanString = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const Url = z.url({ protocol: /^https?$/ }).transform((u) => u.replace(/\/+$/, ''));

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];
const isAddressOrCidr = (v: string) => {
  const [addr = '', prefix, extra] = v.split('/');
  const family = isIP(addr);
  if (family === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
};

/**
 * Which proxies may tell Charla the client's address (X-Forwarded-For): none (`false`, the
 * default: the socket's address counts), a hop count, or the proxies' own addresses and CIDRs.
 * Fastify's `trustProxy` takes each form as is.
 */
const TrustProxy = z.string().transform((raw, ctx): false | number | string[] => {
  const v = raw.trim().toLowerCase();
  if (['false', 'no', '0'].includes(v)) return false;
  if (['true', 'yes'].includes(v)) {
    ctx.addIssue({
      code: 'custom',
      message:
        'trusting every sender lets any client choose its own address; give the number of proxies in front of Charla (e.g. 1) or their addresses (e.g. 127.0.0.1,10.0.0.0/8)',
    });
    return z.NEVER;
  }
  if (/^\d+$/.test(v)) {
    if (Number(v) > 10) ctx.addIssue({ code: 'custom', message: 'a hop count is at most 10 (e.g. 1)' });
    return Number(v);
  }
  const items = v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = items.filter((i) => !PROXY_NAMES.includes(i) && !isAddressOrCidr(i));
  if (items.length === 0 || bad.length > 0) {
    ctx.addIssue({
      code: 'custom',
      message: `${bad.length ? `"${bad.join('", "')}" is not` : 'give'} an IP address or CIDR (e.g. 1 for one proxy, or 127.0.0.1,10.0.0.0/8)`,
    });
    return z.NEVER;
  }
  return items;
});

/**
 * Every setting Charla reads, with its default. `.env.example` documents the same keys and a
 * test keeps the two in step. Empty strings count as "not set".
 */
export const ConfigSchema = z
  .object({
    HOST: z.string().default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    PUBLIC_URL: Url.optional(),
    DATA_DIR: z.string().default('./data'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
      .optional(),
    /**
     * PostgreSQL keeps the plan of Charla's frequent statements per connection (named prepared
     * statements) instead of parsing and planning each one every time. Turn off behind a pooler
     * that cannot keep them (PgBouncer in transaction mode before 1.21).
     */
    DATABASE_PREPARED_STATEMENTS: BooleanString.default(true),
    SECRET_KEY: z
      .string()
      .regex(/^[0-9a-f]{64}$/i, 'must be 64 hex characters (32 bytes): run `openssl rand -hex 32`')
      .optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    /** Days Meta's raw webhook bodies are kept once applied (they carry customers' numbers and texts). */
    WEBHOOK_EVENTS_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
    LOGIN_MAX_ATTEMPTS_PER_MINUTE: z.coerce.number().int().min(1).max(1000).default(10),
    /** Requests per minute one API key may make to /api/v1 (per process). */
    API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(6000),
    TRUST_PROXY: TrustProxy.default(false),
    /** Bearer token that reads /metrics from anywhere (Prometheus' `authorization` setting). */
    METRICS_TOKEN: z.string().min(16, 'use at least 16 characters: run `openssl rand -hex 16`').optional(),
    /** /metrics without a token: only when nothing but the scraper can reach Charla. */
    METRICS_PUBLIC: BooleanString.default(false),
    GRAPH_API_BASE_URL: Url.default('https://graph.facebook.com'),
    GRAPH_API_VERSION: z
      .string()
      .regex(/^v\d+\.\d+$/, 'must look like v26.0')
      .default('v26.0'),
    SIMULATOR_ENABLED: BooleanString.default(true),
    SIMULATOR_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
    WHATSAPP_PHONE_NUMBER_ID: z.string().regex(/^\d+$/, 'digits only').optional(),
    WHATSAPP_WABA_ID: z.string().regex(/^\d+$/, 'digits only').optional(),
    WHATSAPP_DISPLAY_PHONE_NUMBER: z.string().optional(),
    WHATSAPP_ACCESS_TOKEN: z.string().min(20, 'looks too short for a Meta access token').optional(),
    WHATSAPP_APP_SECRET: z.string().min(16, 'looks too short for a Meta app secret').optional(),
    WHATSAPP_VERIFY_TOKEN: z.string().min(8, 'use at least 8 characters').optional(),
    BROADCAST_DEFAULT_RATE_PER_SECOND: z.coerce.number().int().min(1).max(1000).default(80),
    BROADCAST_IN_DOUBT_GRACE_SECONDS: z.coerce.number().min(0.1).max(86_400).default(600),
    BROADCAST_LEASE_SECONDS: z.coerce.number().min(0.5).max(300).default(5),
    /** Benchmarks only (bench/broadcast.ts --uncapped): no pace and no throughput limit. */
    BROADCAST_BENCHMARK_UNPACED: BooleanString.default(false),
    MEDIA_DOWNLOADS_PER_NUMBER: z.coerce.number().int().min(1).max(64).default(8),
    MEDIA_DOWNLOADS_TOTAL: z.coerce.number().int().min(1).max(512).default(32),
    /** Where customers' files and uploads live: `local` (DATA_DIR/media) or `s3` (the bucket below). */
    MEDIA_STORAGE: z.enum(['local', 's3']).default('local'),
    S3_ENDPOINT: Url.optional(),
    S3_BUCKET: z
      .string()
      .regex(
        /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
        '3 to 63 lowercase letters, digits, dots or hyphens (e.g. charla-media)',
      )
      .optional(),
    S3_REGION: z
      .string()
      .regex(/^[a-z0-9-]+$/, 'lowercase letters, digits and hyphens (e.g. us-east-1, or auto on R2)')
      .default('us-east-1'),
    S3_ACCESS_KEY_ID: z.string().optional(),
    S3_SECRET_ACCESS_KEY: z.string().optional(),
    /** `endpoint/bucket/key`, as MinIO, Garage, Ceph and R2 serve; false for `bucket.endpoint/key`. */
    S3_FORCE_PATH_STYLE: BooleanString.default(true),
    /**
     * Private or local destinations Charla's own HTTP calls (bots' HTTP steps) may reach: addresses,
     * CIDRs or host:port, comma-separated. Public addresses are always allowed.
     */
    OUTBOUND_HTTP_ALLOW: z
      .string()
      .transform((raw, ctx) => {
        const items = raw
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        const bad = items.filter((i) => !isOutboundAllowEntry(i));
        if (bad.length > 0) {
          ctx.addIssue({
            code: 'custom',
            message: `"${bad.join('", "')}" is not an address, a CIDR or host:port (e.g. 10.0.0.0/8,crm.office.lan:8080)`,
          });
          return z.NEVER;
        }
        return items;
      })
      .default([]),
    /** Email for invitations and password resets (nodemailer URL); without it, admins copy the links. */
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps:// (e.g. smtps://user:pass@smtp.example.com)')
      .optional(),
    /** The sender of those emails; defaults to `Charla <no-reply@PUBLIC_URL's host>`. */
    SMTP_FROM: z.string().min(3).max(200).optional(),
  })
  .superRefine((c, ctx) => {
    const real = [
      'WHATSAPP_PHONE_NUMBER_ID',
      'WHATSAPP_WABA_ID',
      'WHATSAPP_ACCESS_TOKEN',
      'WHATSAPP_APP_SECRET',
      'WHATSAPP_VERIFY_TOKEN',
    ] as const;
    const set = real.filter((k) => c[k] !== undefined);
    if (set.length > 0 && set.length < real.length) {
      for (const k of real.filter((k) => c[k] === undefined)) {
        ctx.addIssue({
          code: 'custom',
          path: [k],
          message: `is required when ${set.join(', ')} ${set.length === 1 ? 'is' : 'are'} set (connecting a real number needs all five)`,
        });
      }
    }
    const s3 = ['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const;
    for (const k of s3) {
      if (c.MEDIA_STORAGE === 's3' && c[k] === undefined) {
        ctx.addIssue({ code: 'custom', path: [k], message: 'is required when MEDIA_STORAGE=s3' });
      }
    }
    // Files kept on one machine's disk while the bucket was meant would be missing on the others.
    const stray = s3.filter((k) => c[k] !== undefined);
    if (c.MEDIA_STORAGE === 'local' && stray.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['MEDIA_STORAGE'],
        message: `is local while ${stray.join(', ')} ${stray.length === 1 ? 'is' : 'are'} set: set MEDIA_STORAGE=s3 to keep files in the bucket, or remove the S3_ settings`,
      });
    }
  });

export type Config = z.infer<typeof ConfigSchema> & { PUBLIC_URL: string };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Validates once, listing every problem at the same time rather than the first one. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([k, v]) => k in ConfigSchema.shape && v !== undefined && v.trim() !== ''),
  );
  const parsed = ConfigSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  const c = parsed.data;
  return { ...c, PUBLIC_URL: c.PUBLIC_URL ?? `http://${c.HOST}:${c.PORT}` };
}
