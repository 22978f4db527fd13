import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, ConfigSchema, loadConfig } from './config';

const examplePath = fileURLToPath(new URL('../../../../.env.example', import.meta.url));

describe('config', () => {
  it('starts with no settings at all (embedded database, sandbox number)', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.SIMULATOR_ENABLED).toBe(true);
    expect(c.PUBLIC_URL).toBe('http://127.0.0.1:3000');
  });

  it('lists every problem at once, naming the key and the fix', () => {
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', SECRET_KEY: 'short' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const msg = (e as Error).message;
      expect(msg).toContain('PORT');
      expect(msg).toContain('DATABASE_URL: must start with postgres://');
      expect(msg).toContain('openssl rand -hex 32');
    }
  });

  it('asks for all credentials of a real number when only some are given', () => {
    expect(() => loadConfig({ WHATSAPP_PHONE_NUMBER_ID: '123' })).toThrow(
      /WHATSAPP_ACCESS_TOKEN: is required/,
    );
  });

  it("trusts no proxy unless told: a hop count or the proxies' addresses", () => {
    expect(loadConfig({}).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1' }).TRUST_PROXY).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
      '::1',
    ]);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY: trusting every sender/);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(/"10.0.0.0\/33" is not an IP address/);
  });

  it('keeps media on local disk unless told, and asks for every S3 setting it needs by name', () => {
    expect(loadConfig({}).MEDIA_STORAGE).toBe('local');
    const s3 = {
      MEDIA_STORAGE: 's3',
      S3_ENDPOINT: 'http://127.0.0.1:9000/',
      S3_BUCKET: 'charla-media',
      S3_ACCESS_KEY_ID: 'charla',
      S3_SECRET_ACCESS_KEY: 'very-secret-value',
    };
    expect(loadConfig(s3)).toMatchObject({
      S3_ENDPOINT: 'http://127.0.0.1:9000',
      S3_REGION: 'us-east-1',
      S3_FORCE_PATH_STYLE: true,
    });
    try {
      loadConfig({ ...s3, S3_ENDPOINT: '', S3_SECRET_ACCESS_KEY: undefined });
      expect.unreachable();
    } catch (e) {
      const msg = (e as Error).message;
      expect(msg).toContain('S3_ENDPOINT: is required when MEDIA_STORAGE=s3');
      expect(msg).toContain('S3_SECRET_ACCESS_KEY: is required when MEDIA_STORAGE=s3');
      expect(msg).not.toContain('S3_BUCKET');
    }
    expect(() => loadConfig({ ...s3, S3_BUCKET: 'Charla_Media' })).toThrow(/S3_BUCKET: 3 to 63 lowercase/);
  });

  it('refuses S3 settings left beside local media, which would keep files on one machine only', () => {
    expect(() =>
      loadConfig({ S3_BUCKET: 'charla-media', S3_SECRET_ACCESS_KEY: 'very-secret-value' }),
    ).toThrow(/MEDIA_STORAGE: is local while S3_BUCKET, S3_SECRET_ACCESS_KEY are set: set MEDIA_STORAGE=s3/);
    expect(() => loadConfig({ S3_SECRET_ACCESS_KEY: 'very-secret-value' })).not.toThrow(/very-secret-value/);
  });

  it('.env.example documents exactly the keys the schema reads', () => {
    const text = readFileSync(examplePath, 'utf8');
    const documented = [...text.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]).sort();
    expect(documented).toEqual(Object.keys(ConfigSchema.shape).sort());
  });
});
