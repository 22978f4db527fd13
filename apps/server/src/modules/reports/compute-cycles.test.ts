import type { BusinessCalendar } from '@charla/contracts';
import { describe, expect, it } from 'vitest';
import {
  type CalendarOf,
  type ConversationHistory,
  type CycleEvent,
  type CycleMessage,
  computeCycles,
} from './compute-cycles';

const MIN = 60_000;
const H = 60 * MIN;

const ANA = '00000000-0000-4000-8000-00000000000a';
const BEA = '00000000-0000-4000-8000-00000000000b';
const CAR = '00000000-0000-4000-8000-00000000000c';
const SOPORTE = '00000000-0000-4000-8000-0000000000d1';

const at = (iso: string) => new Date(iso);
const customer = (iso: string, more: Partial<CycleMessage> = {}): CycleMessage => ({
  direction: 'inbound',
  senderUserId: null,
  automated: false,
  system: false,
  fromAd: false,
  at: at(iso),
  ...more,
});
const agent = (user: string, iso: string): CycleMessage => ({
  direction: 'outbound',
  senderUserId: user,
  automated: false,
  system: false,
  fromAd: false,
  at: at(iso),
});
/** A rule, a bot, a sequence or the API (sender may be the key's member, still not a person). */
const automated = (iso: string, senderUserId: string | null = null): CycleMessage => ({
  ...agent(ANA, iso),
  senderUserId,
  automated: true,
});
/** A broadcast: no sender, not automation. */
const broadcast = (iso: string): CycleMessage => ({ ...agent(ANA, iso), senderUserId: null });
const status = (from: string, to: string, iso: string, actor: string | null = null): CycleEvent => ({
  kind: 'status',
  from,
  to,
  actorUserId: actor,
  at: at(iso),
});
const assignee = (from: string | null, to: string | null, iso: string): CycleEvent => ({
  kind: 'assignee',
  from,
  to,
  actorUserId: null,
  at: at(iso),
});

const history = (over: Partial<ConversationHistory>): ConversationHistory => ({
  workspaceId: '00000000-0000-4000-8000-0000000000f0',
  conversationId: '00000000-0000-4000-8000-0000000000f1',
  channelId: '00000000-0000-4000-8000-0000000000f2',
  contactId: '00000000-0000-4000-8000-0000000000f3',
  assigneeUserId: null,
  teamId: null,
  contactsFirstConversation: true,
  messages: [],
  events: [],
  waits: [],
  ...over,
});

const weekdays = (from: string, to: string, zone = 'Europe/Madrid'): BusinessCalendar => ({
  timeZone: zone,
  days: [...Array.from({ length: 5 }, () => [{ from, to }]), [], []],
  holidays: [],
});
const everyDay = (from: string, to: string, zone: string): BusinessCalendar => ({
  timeZone: zone,
  days: Array.from({ length: 7 }, () => [{ from, to }]),
  holidays: [],
});
const hours =
  (calendar: BusinessCalendar | null): CalendarOf =>
  () =>
    calendar;

/** Madrid, Monday to Friday 09:00–18:00 (winter: UTC+1). */
const madrid = weekdays('09:00', '18:00');

/** The first response of a customer's message at `asked` answered by an agent at `answered`. */
const firstResponse = (calendar: BusinessCalendar | null, asked: string, answered: string) => {
  const [cycle] = computeCycles(
    history({ messages: [customer(asked), agent(ANA, answered)] }),
    hours(calendar),
  );
  return { ms: cycle!.firstResponseMs, bms: cycle!.firstResponseBms };
};

describe('first response in business time', () => {
  it('leaves out the closed night between a late question and the next morning’s reply', () => {
    // Mon 2026-02-02 17:30 → Tue 09:30 (Madrid, UTC+1): open Mon 17:30–18:00 (30 min) and Tue
    // 09:00–09:30 (30 min) = 60 min; on the wall clock 16 h.
    expect(firstResponse(madrid, '2026-02-02T17:30:00+01:00', '2026-02-03T09:30:00+01:00')).toEqual({
      ms: 16 * H,
      bms: 60 * MIN,
    });
  });

  it('skips a holiday on one date, and a yearly one in any year', () => {
    // Tue 2026-02-03 is a holiday: Mon 17:30 → Wed 09:30 is 30 + 30 = 60 min of business time, 40 h.
    const oneDate = { ...madrid, holidays: [{ date: '2026-02-03', yearly: false }] };
    expect(firstResponse(oneDate, '2026-02-02T17:30:00+01:00', '2026-02-04T09:30:00+01:00')).toEqual({
      ms: 40 * H,
      bms: 60 * MIN,
    });
    // Epiphany, entered in 2020 as yearly, closes Tue 2026-01-06 too: Mon 17:30 → Wed 09:30, 60 min.
    const yearly = { ...madrid, holidays: [{ date: '2020-01-06', yearly: true }] };
    expect(firstResponse(yearly, '2026-01-05T17:30:00+01:00', '2026-01-07T09:30:00+01:00')).toEqual({
      ms: 40 * H,
      bms: 60 * MIN,
    });
    // The same date entered once, for 2020 only, leaves 2026's Tuesday open: 30 + 9 h + 30 = 10 h.
    const once = { ...madrid, holidays: [{ date: '2020-01-06', yearly: false }] };
    expect(firstResponse(once, '2026-01-05T17:30:00+01:00', '2026-01-07T09:30:00+01:00').bms).toBe(10 * H);
  });

  it('follows Madrid’s clock changes: the spring night is an hour shorter, the autumn one longer', () => {
    const nights = everyDay('01:00', '05:00', 'Europe/Madrid');
    // Sun 2026-03-29, clocks 02:00 → 03:00. Asked 00:30 (+01, 23:30Z), answered 06:00 (+02, 04:00Z):
    // 4.5 h on the calendar; open 01:00+01 (00:00Z) to 05:00+02 (03:00Z) = 3 h.
    expect(firstResponse(nights, '2026-03-29T00:30:00+01:00', '2026-03-29T06:00:00+02:00')).toEqual({
      ms: 4.5 * H,
      bms: 3 * H,
    });
    // Sun 2026-10-25, clocks 03:00 → 02:00. Asked 00:30 (+02, 22:30Z on the 24th), answered 06:00
    // (+01, 05:00Z): 6.5 h; open 01:00+02 (23:00Z) to 05:00+01 (04:00Z) = 5 h.
    expect(firstResponse(nights, '2026-10-25T00:30:00+02:00', '2026-10-25T06:00:00+01:00')).toEqual({
      ms: 6.5 * H,
      bms: 5 * H,
    });
  });

  it('keeps Mexico City’s nights at 4 h on those dates (no clock changes there since 2022)', () => {
    const nights = everyDay('01:00', '05:00', 'America/Mexico_City');
    // UTC-6 all year: asked 00:30, answered 06:00 is 5.5 h, open 01:00–05:00 = 4 h, on both
    // Madrid's change days and on Mexico's old change days (first Sunday of April, last of October).
    for (const day of ['2026-03-29', '2026-10-25', '2026-04-05'])
      expect(firstResponse(nights, `${day}T00:30:00-06:00`, `${day}T06:00:00-06:00`), day).toEqual({
        ms: 5.5 * H,
        bms: 4 * H,
      });
  });

  it('counts an overnight range 22:00–02:00 as the day it starts on', () => {
    // Only Friday 22:00–02:00. Fri 2026-02-06 21:00 → Sat 03:00: 6 h; open Fri 22:00 → Sat 02:00 = 4 h.
    const friNight: BusinessCalendar = {
      timeZone: 'Europe/Madrid',
      days: [[], [], [], [], [{ from: '22:00', to: '02:00' }], [], []],
      holidays: [],
    };
    const asked = '2026-02-06T21:00:00+01:00';
    const answered = '2026-02-07T03:00:00+01:00';
    expect(firstResponse(friNight, asked, answered)).toEqual({ ms: 6 * H, bms: 4 * H });
    // A holiday on Saturday does not cut Friday's range short; one on Friday closes all of it.
    const satOff = { ...friNight, holidays: [{ date: '2026-02-07', yearly: false }] };
    expect(firstResponse(satOff, asked, answered).bms).toBe(4 * H);
    const friOff = { ...friNight, holidays: [{ date: '2026-02-06', yearly: false }] };
    expect(firstResponse(friOff, asked, answered).bms).toBe(0);
  });

  it('is calendar time when no hours are set', () => {
    expect(firstResponse(null, '2026-02-02T17:30:00+01:00', '2026-02-03T09:30:00+01:00')).toEqual({
      ms: 16 * H,
      bms: 16 * H,
    });
  });
});

describe('resolution time', () => {
  it('leaves out the time pending and snoozed, on the calendar and in business time', () => {
    const [cycle] = computeCycles(
      history({
        messages: [
          customer('2026-02-02T10:00:00+01:00'),
          agent(ANA, '2026-02-02T10:30:00+01:00'),
          // Wakes the snoozed conversation.
          customer('2026-02-03T14:00:00+01:00'),
          agent(ANA, '2026-02-04T09:30:00+01:00'),
        ],
        events: [
          status('open', 'pending', '2026-02-02T11:00:00+01:00', ANA),
          status('pending', 'open', '2026-02-02T15:00:00+01:00', ANA),
          status('open', 'snoozed', '2026-02-03T10:00:00+01:00', ANA),
          status('open', 'resolved', '2026-02-04T10:00:00+01:00', ANA),
        ],
      }),
      hours(madrid),
    );
    // Mon 10:00 → Wed 10:00 = 48 h, less pending Mon 11–15 (4 h) and snoozed Tue 10–14 (4 h) = 40 h.
    // Business: Mon 10–18 (8 h) + Tue 9–18 (9 h) + Wed 9–10 (1 h) = 18 h, less 4 h and 4 h = 10 h.
    expect(cycle).toMatchObject({ resolutionMs: 40 * H, resolutionBms: 10 * H, resolvedByUserId: ANA });
  });

  it('stops at a resolution made while pending', () => {
    const [cycle] = computeCycles(
      history({
        messages: [customer('2026-02-02T17:00:00+01:00')],
        events: [
          status('open', 'pending', '2026-02-02T17:30:00+01:00'),
          status('pending', 'resolved', '2026-02-03T12:00:00+01:00'),
        ],
      }),
      hours(madrid),
    );
    // Only Mon 17:00–17:30 was not pending: 30 min on both clocks.
    expect(cycle).toMatchObject({ resolutionMs: 30 * MIN, resolutionBms: 30 * MIN });
  });
});

describe('resolution time, more ways', () => {
  it('ends a snooze when Charla wakes the conversation, and counts a reply sent as it is resolved', () => {
    const [cycle] = computeCycles(
      history({
        messages: [customer('2026-02-02T10:00:00+01:00'), agent(ANA, '2026-02-02T13:00:00+01:00')],
        events: [
          status('open', 'snoozed', '2026-02-02T10:30:00+01:00', ANA),
          // The snooze ends by itself (no actor) at 12:00.
          status('snoozed', 'open', '2026-02-02T12:00:00+01:00'),
          // Reply and resolution stored in the same instant: the reply comes first.
          status('open', 'resolved', '2026-02-02T13:00:00+01:00', ANA),
        ],
      }),
      hours(madrid),
    );
    // 10:00 → 13:00 = 3 h less the snooze 10:30–12:00 (1.5 h) = 1.5 h; all inside opening hours.
    expect(cycle).toMatchObject({
      resolutionMs: 1.5 * H,
      resolutionBms: 1.5 * H,
      firstResponseMs: 3 * H,
      responseMs: [3 * H],
      agentMessages: 1,
    });
  });
});

describe('response times', () => {
  it('answers several customer messages in a row with one reply; automation and broadcasts are no response, an agent’s template is', () => {
    const [cycle] = computeCycles(
      history({
        messages: [
          customer('2026-02-02T10:00:00+01:00'),
          customer('2026-02-02T10:05:00+01:00'),
          customer('2026-02-02T10:10:00+01:00'),
          automated('2026-02-02T10:01:00+01:00'), // a bot's greeting
          agent(BEA, '2026-02-02T10:20:00+01:00'),
          automated('2026-02-02T10:30:00+01:00'), // a rule
          broadcast('2026-02-02T10:35:00+01:00'),
          customer('2026-02-02T10:40:00+01:00'),
          automated('2026-02-02T10:45:00+01:00', ANA), // sent through the API with Ana's key
          agent(ANA, '2026-02-02T11:00:00+01:00'), // a template Ana sends
          customer('2026-02-02T11:30:00+01:00'),
          automated('2026-02-02T11:31:00+01:00'),
        ].sort((a, b) => a.at.getTime() - b.at.getTime()),
      }),
      hours(null),
    );
    // First: 10:00 → 10:20 = 20 min (not the bot's 10:01). Then 10:40 → 11:00 = 20 min; 11:30 still waits.
    expect(cycle).toMatchObject({
      firstResponseMs: 20 * MIN,
      firstResponderUserId: BEA,
      responseMs: [20 * MIN, 20 * MIN],
      responseBms: [20 * MIN, 20 * MIN],
      customerMessages: 5,
      agentMessages: 2,
      businessHours: false,
    });
    expect(cycle!.replierUserIds.sort()).toEqual([ANA, BEA]);
  });

  it('gives no response at all to a conversation only automation answered', () => {
    const [cycle] = computeCycles(
      history({ messages: [customer('2026-02-02T10:00:00+01:00'), automated('2026-02-02T10:00:05+01:00')] }),
      hours(null),
    );
    expect(cycle).toMatchObject({
      firstResponseAt: null,
      firstResponseMs: null,
      responseMs: [],
      agentMessages: 0,
    });
  });

  it('does not take a WhatsApp system line for the customer writing', () => {
    const cycles = computeCycles(
      history({ messages: [customer('2026-02-02T10:00:00+01:00', { system: true })] }),
      hours(null),
    );
    expect(cycles).toEqual([]);
  });
});

describe('cycles', () => {
  it('starts a reopened cycle when the customer writes after the resolution', () => {
    const cycles = computeCycles(
      history({
        contactsFirstConversation: true,
        messages: [
          customer('2026-02-02T10:00:00+01:00', { fromAd: true }),
          agent(ANA, '2026-02-02T10:10:00+01:00'),
          customer('2026-02-02T12:00:00+01:00'),
          agent(BEA, '2026-02-02T12:05:00+01:00'),
        ],
        events: [status('open', 'resolved', '2026-02-02T10:30:00+01:00', ANA)],
      }),
      hours(null),
    );
    expect(cycles.map((c) => [c.cycleNo, c.reopened, c.contactFirst, c.fromAd])).toEqual([
      [0, false, true, true],
      [1, true, false, false],
    ]);
    // Cycle 1 from 12:00, answered 12:05 by Beatriz, still open.
    expect(cycles[1]).toMatchObject({
      startedAt: at('2026-02-02T12:00:00+01:00'),
      firstResponseMs: 5 * MIN,
      firstResponderUserId: BEA,
      resolvedAt: null,
    });
    expect(cycles[0]).toMatchObject({ resolutionMs: 30 * MIN, agentUserId: ANA });
  });

  it('does not count a returning contact’s new conversation as new', () => {
    const [cycle] = computeCycles(
      history({ contactsFirstConversation: false, messages: [customer('2026-02-02T10:00:00+01:00')] }),
      hours(null),
    );
    expect(cycle!.contactFirst).toBe(false);
  });
});

describe('expiry of the customer’s window', () => {
  const asked = '2026-02-02T10:00:00+01:00';
  const windowCloses = at('2026-02-03T10:00:00+01:00');
  const cycleOf = (messages: CycleMessage[], events: CycleEvent[] = []) =>
    computeCycles(history({ messages, events }), hours(null))[0]!;
  /** As the reports count it: expired, and missed when no response came before the window closed. */
  const verdict = (c: ReturnType<typeof cycleOf>) => ({
    expiresAt: c.expiresAt,
    missed: c.expiresAt !== null && (c.firstResponseAt === null || c.firstResponseAt > c.expiresAt),
  });

  it('expires unanswered and unresolved 24 h after the customer wrote: expired and missed', () => {
    expect(verdict(cycleOf([customer(asked)]))).toEqual({ expiresAt: windowCloses, missed: true });
  });

  it('expires with a reply only after the window closed: expired and missed', () => {
    const c = cycleOf(
      [customer(asked), agent(ANA, '2026-02-03T11:00:00+01:00')],
      [status('open', 'resolved', '2026-02-03T12:00:00+01:00', ANA)],
    );
    expect(verdict(c)).toEqual({ expiresAt: windowCloses, missed: true });
  });

  it('expires but is not missed when answered in time and resolved after the window', () => {
    const c = cycleOf(
      [customer(asked), agent(ANA, '2026-02-02T10:30:00+01:00')],
      [status('open', 'resolved', '2026-02-04T09:00:00+01:00', ANA)],
    );
    expect(verdict(c)).toEqual({ expiresAt: windowCloses, missed: false });
  });

  it('does not expire when resolved inside the window', () => {
    const c = cycleOf(
      [customer(asked), agent(ANA, '2026-02-02T10:30:00+01:00')],
      [status('open', 'resolved', '2026-02-02T12:00:00+01:00', ANA)],
    );
    expect(c.expiresAt).toBeNull();
  });

  it('moves the window with each customer message', () => {
    // Asked again Mon 20:00: the window runs to Tue 20:00, so Tue 11:00's reply and 12:00's
    // resolution are in time.
    const messages = [
      customer(asked),
      customer('2026-02-02T20:00:00+01:00'),
      agent(ANA, '2026-02-03T11:00:00+01:00'),
    ];
    expect(
      cycleOf(messages, [status('open', 'resolved', '2026-02-03T12:00:00+01:00', ANA)]).expiresAt,
    ).toBeNull();
    // Left unresolved, it closes Tue 20:00, answered before: expired, not missed.
    expect(verdict(cycleOf(messages))).toEqual({ expiresAt: at('2026-02-03T20:00:00+01:00'), missed: false });
  });

  it('keeps the first closing when the customer writes again after the window closed', () => {
    // Window closed Tue 10:00 unanswered; the customer writes Wed 09:00 and gets an answer then.
    const c = cycleOf([
      customer(asked),
      customer('2026-02-04T09:00:00+01:00'),
      agent(ANA, '2026-02-04T09:05:00+01:00'),
    ]);
    expect(verdict(c)).toEqual({ expiresAt: windowCloses, missed: true });
  });
});

describe('queue waits', () => {
  it('counts each wait of the cycle, in business time, and none of another cycle', () => {
    const cycles = computeCycles(
      history({
        messages: [
          customer('2026-02-02T08:00:00+01:00'),
          customer('2026-02-02T17:00:00+01:00'),
          agent(ANA, '2026-02-03T10:05:00+01:00'),
        ],
        events: [status('open', 'resolved', '2026-02-02T08:30:00+01:00')],
        waits: [
          // The first cycle's: 08:00 → 08:20.
          { queuedAt: at('2026-02-02T08:00:00+01:00'), assignedAt: at('2026-02-02T08:20:00+01:00') },
          // Mon 17:00 → Tue 10:00: 17 h; open 17:00–18:00 and 09:00–10:00 = 2 h.
          { queuedAt: at('2026-02-02T17:00:00+01:00'), assignedAt: at('2026-02-03T10:00:00+01:00') },
          // Tue 11:00 → 11:30 (back to the queue and taken again).
          { queuedAt: at('2026-02-03T11:00:00+01:00'), assignedAt: at('2026-02-03T11:30:00+01:00') },
        ],
      }),
      hours(madrid),
    );
    // Mon 08:00 → 08:20 is before opening: 20 min on the calendar, none of business time.
    expect(cycles[0]).toMatchObject({ queueWaitMs: [20 * MIN], queueWaitBms: [0] });
    expect(cycles[1]).toMatchObject({ queueWaitMs: [17 * H, 30 * MIN], queueWaitBms: [2 * H, 30 * MIN] });
  });
});

describe('attribution', () => {
  it('gives the cycle to who resolved it, else to its assignee; the first responder is who answered first', () => {
    const cycles = computeCycles(
      history({
        assigneeUserId: CAR,
        teamId: SOPORTE,
        messages: [
          customer('2026-02-02T10:00:00+01:00'),
          agent(BEA, '2026-02-02T10:05:00+01:00'),
          agent(ANA, '2026-02-02T10:07:00+01:00'),
          customer('2026-02-02T11:00:00+01:00'),
          agent(CAR, '2026-02-02T11:05:00+01:00'),
          customer('2026-02-02T13:00:00+01:00'),
        ],
        events: [
          assignee(null, ANA, '2026-02-02T10:01:00+01:00'),
          assignee(ANA, CAR, '2026-02-02T10:10:00+01:00'),
          status('open', 'resolved', '2026-02-02T10:20:00+01:00', BEA),
          // Charla resolves the second cycle (no actor): it is the assignee's.
          status('open', 'resolved', '2026-02-02T12:00:00+01:00', null),
        ],
      }),
      hours(null),
    );
    expect(cycles).toHaveLength(3);
    expect(cycles[0]).toMatchObject({ agentUserId: BEA, resolvedByUserId: BEA, firstResponderUserId: BEA });
    expect(cycles[0]!.assignedUserIds).toEqual([ANA, CAR]);
    expect(cycles[1]).toMatchObject({ agentUserId: CAR, resolvedByUserId: null, firstResponderUserId: CAR });
    expect(cycles[1]!.assignedUserIds).toEqual([CAR]);
    // Still open, unanswered: Carla's as the assignee, no first responder.
    expect(cycles[2]).toMatchObject({ agentUserId: CAR, firstResponderUserId: null, teamId: SOPORTE });
  });

  it('reads the team’s hours for its cycles (the team at the end of the cycle)', () => {
    const seen: (string | null)[] = [];
    const [cycle] = computeCycles(
      history({
        teamId: SOPORTE,
        messages: [customer('2026-02-02T17:30:00+01:00'), agent(ANA, '2026-02-03T09:30:00+01:00')],
        events: [
          { kind: 'team', from: null, to: SOPORTE, actorUserId: null, at: at('2026-02-02T17:31:00+01:00') },
        ],
      }),
      (team) => {
        seen.push(team);
        return team === SOPORTE ? madrid : null;
      },
    );
    expect(seen).toContain(SOPORTE);
    expect(cycle).toMatchObject({ teamId: SOPORTE, firstResponseBms: 60 * MIN, businessHours: true });
  });
});
