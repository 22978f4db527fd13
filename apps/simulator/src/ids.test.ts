import { describe, expect, it } from 'vitest';
import { createFbtraceId, createWamid } from './ids';

describe('ids', () => {
  it('gives every message its own wamid in Meta’s shape, across many refills of the random pool', () => {
    const ids = Array.from({ length: 20_000 }, () => createWamid());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids.slice(0, 200)) expect(id).toMatch(/^wamid\.[A-Za-z0-9+/]{40}$/);
    expect(createFbtraceId()).toMatch(/^[A-Za-z0-9_-]{16}$/);
  });
});
