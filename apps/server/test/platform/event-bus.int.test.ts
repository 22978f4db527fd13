import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/platform/db/database';
import { type BusEvent, createEventBus } from '../../src/platform/events/event-bus';
import { createTestDatabase } from '../harness/test-db';

let db: Database;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db?.close());

it('delivers every event of a large batch, in order, to a listener (packed under the NOTIFY limit)', async () => {
  const bus = createEventBus(db);
  const heard: BusEvent[] = [];
  bus.subscribe((e) => heard.push(e));
  await bus.start();
  // A broadcast batch announces hundreds of messages; names may be long and not ASCII.
  const events = Array.from({ length: 600 }, (_, i) => ({
    workspaceId: '00000000-0000-4000-8000-000000000001',
    type: 'message.created',
    messageId: `m${i}`,
    note: i % 100 === 0 ? 'ñ'.repeat(1_500) : undefined,
  }));
  await bus.publishMany(events);
  await bus.publish({ workspaceId: events[0]!.workspaceId, type: 'single' });
  const deadline = Date.now() + 10_000;
  while (heard.length < 601 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  await bus.stop();
  expect(heard.map((e) => e.messageId ?? e.type)).toEqual([...events.map((e) => e.messageId), 'single']);
  expect(heard[100]!.note).toBe('ñ'.repeat(1_500));
});
