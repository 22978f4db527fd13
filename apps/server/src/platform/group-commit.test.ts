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

describe('group commit with results', () => {
  it('answers each caller its own result, in the order written', async () => {
    const gc = createGroupCommit<number, string>(async (items) => {
      await new Promise((r) => setTimeout(r, 2));
      return items.map((i) => `row ${i}`);
    });
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => gc.write(i)));
    expect(answers).toEqual(Array.from({ length: 20 }, (_, i) => `row ${i}`));
  });

  it('with isolateFailures, a bad item fails only its own caller', async () => {
    const flushed: number[][] = [];
    const gc = createGroupCommit<number, number>(
      async (items) => {
        flushed.push(items);
        await new Promise((r) => setTimeout(r, 2));
        if (items.includes(13)) throw new Error('13 is refused');
        return items.map((i) => i * 2);
      },
      { isolateFailures: true },
    );
    const first = gc.write(0); // flushes alone
    const rest = [12, 13, 14].map((i) => gc.write(i)); // wait together for the next flush
    const settled = await Promise.allSettled([first, ...rest]);
    expect(settled.map((s) => (s.status === 'fulfilled' ? s.value : (s.reason as Error).message))).toEqual([
      0,
      24,
      '13 is refused',
      28,
    ]);
    // The batch of three failed, then each went alone.
    expect(flushed).toEqual([[0], [12, 13, 14], [12], [13], [14]]);
  });
});
