import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accountKey,
  ipKey,
  throttleCheck,
  throttleFailure,
  throttleSuccess,
} from '../../src/modules/auth/auth-throttle';
import { createManualClock } from '../../src/platform/clock';
import type { Database } from '../../src/platform/db/database';
import { createTestDatabase } from '../harness/test-db';

let db: Database;
const clock = createManualClock(new Date('2026-03-02T10:00:00Z'));
const deps = () => ({ orm: db.orm, clock });

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.close();
});

describe('the shared sign-in throttle', () => {
  it('lets a few failures pass, then doubles the wait up to the cap', async () => {
    const key = accountKey('Ana@Example.com');
    expect(key).toBe('account:ana@example.com');
    for (let i = 0; i < 4; i++) await throttleFailure(deps(), [key]);
    expect(await throttleCheck(deps(), [key])).toBeNull();
    await throttleFailure(deps(), [key]);
    expect(await throttleCheck(deps(), [key])).toEqual({ retryAfterSeconds: 1 });
    await throttleFailure(deps(), [key]);
    expect(await throttleCheck(deps(), [key])).toEqual({ retryAfterSeconds: 2 });
    for (let i = 0; i < 20; i++) await throttleFailure(deps(), [key]);
    expect(await throttleCheck(deps(), [key])).toEqual({ retryAfterSeconds: 15 * 60 });
    clock.advance(15 * 60 * 1000);
    expect(await throttleCheck(deps(), [key])).toBeNull();
  });

  it('grows an address longer than an account, and forgets a key a day after its last failure', async () => {
    const key = ipKey('203.0.113.7');
    for (let i = 0; i < 40; i++) await throttleFailure(deps(), [key]);
    expect(await throttleCheck(deps(), [key])).toEqual({ retryAfterSeconds: 60 * 60 });
    clock.advance(25 * 60 * 60 * 1000);
    await throttleFailure(deps(), [key]);
    expect(await throttleCheck(deps(), [key])).toBeNull();
  });

  it('starts a key again from zero after a success, leaving the others alone', async () => {
    const a = accountKey('beto@example.com');
    const ip = ipKey('198.51.100.2');
    for (let i = 0; i < 12; i++) await throttleFailure(deps(), [a, ip]);
    expect(await throttleCheck(deps(), [a])).not.toBeNull();
    await throttleSuccess(deps(), [a]);
    expect(await throttleCheck(deps(), [a])).toBeNull();
    expect(await throttleCheck(deps(), [ip])).not.toBeNull();
  });

  it('counts failures from concurrent callers', async () => {
    const key = accountKey('carla@example.com');
    await Promise.all(Array.from({ length: 8 }, () => throttleFailure(deps(), [key])));
    // 8 failures: the 5th waits 1 s, the 6th 2 s, the 7th 4 s, the 8th 8 s.
    expect(await throttleCheck(deps(), [key])).toEqual({ retryAfterSeconds: 8 });
  });
});
