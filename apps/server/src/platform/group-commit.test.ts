import { describe, expect, it } from 'vitest';
import { createGroupCommit } from './group-commit';

describe('group commit', () => {
  it('writes concurrent items in few round trips and settles each caller', async () => {
    const flushes: number[][] = [];
    const gc = createGroupCommit<number>(async (items) => {
      flushes.push(items);
      await new Promise((r) => setTimeout(r, 5));
    });
    await Promise.all(Array.from({ length: 50 }, (_, i) => gc.write(i)));
    expect(flushes.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(flushes.length).toBeLessThanOrEqual(2);
  });

  it('fails exactly the callers whose flush failed', async () => {
    let calls = 0;
    const gc = createGroupCommit<string>(async () => {
      calls++;
      if (calls === 1) throw new Error('disk full');
    });
    // 'a' flushes alone at once; 'b' waits for the next flush, which succeeds.
    const first = gc.write('a');
    const second = gc.write('b');
    await expect(first).rejects.toThrow('disk full');
    await expect(second).resolves.toBeUndefined();
    expect(calls).toBe(2);
  });
});
