import { type BusinessCalendar, businessMsBetween } from '@charla/contracts';

const WINDOW_MS = 24 * 60 * 60 * 1000;

/** A message as the reports see it. */
export interface CycleMessage {
  direction: 'inbound' | 'outbound';
  /** The agent who sent it (outbound); null for the customer, automation and broadcasts. */
  senderUserId: string | null;
  /** Sent by a rule, a bot, a sequence or the API: never a response. */
  automated: boolean;
  /**
   * A system line (WhatsApp saying a number changed), or the customer's answer to a satisfaction
   * survey: not the customer writing to be answered.
   */
  system: boolean;
  /** It came from a click-to-WhatsApp ad. */
  fromAd: boolean;
  at: Date;
}

/** A change of the conversation (conversation_events): status, assignee, team. */
export interface CycleEvent {
  kind: 'status' | 'assignee' | 'team';
  from: string | null;
  to: string | null;
  actorUserId: string | null;
  at: Date;
}

export interface QueueWait {
  queuedAt: Date;
  assignedAt: Date;
}

export interface ConversationHistory {
  workspaceId: string;
  conversationId: string;
  channelId: string;
  contactId: string;
  /** Its assignee and team now (before their first recorded change, they are the first change's `from`). */
  assigneeUserId: string | null;
  teamId: string | null;
  /** No older conversation of the contact exists: its first cycle is a new contact's. */
  contactsFirstConversation: boolean;
  /** In time order (ties in the order they were stored). */
  messages: CycleMessage[];
  events: CycleEvent[];
  waits: QueueWait[];
}

export interface Cycle {
  workspaceId: string;
  conversationId: string;
  cycleNo: number;
  channelId: string;
  contactId: string;
  teamId: string | null;
  agentUserId: string | null;
  firstResponderUserId: string | null;
  assignedUserIds: string[];
  replierUserIds: string[];
  startedAt: Date;
  reopened: boolean;
  contactFirst: boolean;
  fromAd: boolean;
  firstResponseAt: Date | null;
  firstResponseMs: number | null;
  firstResponseBms: number | null;
  responseMs: number[];
  responseBms: number[];
  resolvedAt: Date | null;
  resolvedByUserId: string | null;
  resolutionMs: number | null;
  resolutionBms: number | null;
  queueWaitMs: number[];
  queueWaitBms: number[];
  expiresAt: Date | null;
  customerMessages: number;
  agentMessages: number;
  businessHours: boolean;
}

/** The hours that apply to a team's conversations (its own, else the workspace's), or none. */
export type CalendarOf = (teamId: string | null) => BusinessCalendar | null;

type Step =
  | { type: 'message'; at: number; message: CycleMessage }
  | { type: 'event'; at: number; event: CycleEvent };

interface Open {
  cycleNo: number;
  startedAt: number;
  reopened: boolean;
  fromAd: boolean;
  assigned: Set<string>;
  repliers: Set<string>;
  firstResponseAt: number | null;
  firstResponder: string | null;
  /** Since when the customer waits for a response (null: answered). */
  waitingSince: number | null;
  responses: { from: number; to: number }[];
  /** Stretches not counted in the resolution: pending or snoozed. */
  paused: { from: number; to: number }[];
  pausedSince: number | null;
  windowEndsAt: number;
  expiresAt: number | null;
  customerMessages: number;
  agentMessages: number;
}

/**
 * A conversation's cycles, from its history. A cycle starts with a customer's message while none
 * is open (the conversation is new, or was resolved) and ends when it is resolved; an unresolved
 * cycle is still open. Only an agent's own message is a response (see packages/contracts
 * reports.ts for every definition). Pure: the same history gives the same cycles.
 */
export function computeCycles(history: ConversationHistory, calendarOf: CalendarOf): Cycle[] {
  const steps: Step[] = [
    ...history.messages.map((message) => ({ type: 'message' as const, at: message.at.getTime(), message })),
    ...history.events.map((event) => ({ type: 'event' as const, at: event.at.getTime(), event })),
  ];
  // Stable: at the same instant a message comes before the event it caused (a reply, then "resolved").
  steps.sort((a, b) => a.at - b.at || (a.type === b.type ? 0 : a.type === 'message' ? -1 : 1));

  const firstOf = (kind: CycleEvent['kind']) => history.events.find((e) => e.kind === kind);
  let assignee = firstOf('assignee') ? firstOf('assignee')!.from : history.assigneeUserId;
  let team = firstOf('team') ? firstOf('team')!.from : history.teamId;
  let status: string = firstOf('status')?.from ?? 'open';

  const cycles: Cycle[] = [];
  let open: Open | null = null;

  const close = (resolvedAt: number | null, resolvedBy: string | null) => {
    const c = open!;
    if (c.pausedSince !== null) c.paused.push({ from: c.pausedSince, to: resolvedAt ?? c.pausedSince });
    const calendar = calendarOf(team);
    const business = (from: number, to: number) =>
      calendar ? businessMsBetween(calendar, new Date(from), new Date(to)) : Math.max(0, to - from);
    const end = resolvedAt;
    const waits = history.waits.filter((w) => {
      const t = w.assignedAt.getTime();
      return t >= c.startedAt && (end === null || t <= end);
    });
    let resolutionMs: number | null = null;
    let resolutionBms: number | null = null;
    if (end !== null) {
      const paused = c.paused.reduce((sum, p) => sum + Math.max(0, p.to - p.from), 0);
      const pausedB = c.paused.reduce((sum, p) => sum + business(p.from, p.to), 0);
      resolutionMs = Math.max(0, end - c.startedAt - paused);
      resolutionBms = Math.max(0, business(c.startedAt, end) - pausedB);
    }
    cycles.push({
      workspaceId: history.workspaceId,
      conversationId: history.conversationId,
      cycleNo: c.cycleNo,
      channelId: history.channelId,
      contactId: history.contactId,
      teamId: team,
      agentUserId: resolvedBy ?? assignee,
      firstResponderUserId: c.firstResponder,
      assignedUserIds: [...c.assigned],
      replierUserIds: [...c.repliers],
      startedAt: new Date(c.startedAt),
      reopened: c.reopened,
      contactFirst: c.cycleNo === 0 && history.contactsFirstConversation,
      fromAd: c.fromAd,
      firstResponseAt: c.firstResponseAt === null ? null : new Date(c.firstResponseAt),
      firstResponseMs: c.firstResponseAt === null ? null : c.firstResponseAt - c.startedAt,
      firstResponseBms: c.firstResponseAt === null ? null : business(c.startedAt, c.firstResponseAt),
      responseMs: c.responses.map((r) => r.to - r.from),
      responseBms: c.responses.map((r) => business(r.from, r.to)),
      resolvedAt: end === null ? null : new Date(end),
      resolvedByUserId: resolvedBy,
      resolutionMs,
      resolutionBms,
      queueWaitMs: waits.map((w) => Math.max(0, w.assignedAt.getTime() - w.queuedAt.getTime())),
      queueWaitBms: waits.map((w) => business(w.queuedAt.getTime(), w.assignedAt.getTime())),
      // Resolved inside its window: never expired. Unresolved: it expires when the window closes.
      expiresAt:
        c.expiresAt !== null
          ? new Date(c.expiresAt)
          : end === null || end > c.windowEndsAt
            ? new Date(c.windowEndsAt)
            : null,
      customerMessages: c.customerMessages,
      agentMessages: c.agentMessages,
      businessHours: calendar !== null,
    });
    open = null;
  };

  for (const step of steps) {
    if (step.type === 'event') {
      const e = step.event;
      if (e.kind === 'assignee') {
        assignee = e.to;
        if (open && e.to) open.assigned.add(e.to);
      } else if (e.kind === 'team') team = e.to;
      else if (e.kind === 'status' && e.to) {
        const was = status;
        status = e.to;
        if (!open) continue;
        const pausing = status === 'pending' || status === 'snoozed';
        const wasPaused = was === 'pending' || was === 'snoozed';
        if (pausing && !wasPaused) open.pausedSince = step.at;
        if (!pausing && wasPaused && open.pausedSince !== null) {
          open.paused.push({ from: open.pausedSince, to: step.at });
          open.pausedSince = null;
        }
        if (status === 'resolved') {
          // The window closed before the resolution: the cycle expired then.
          if (open.expiresAt === null && step.at > open.windowEndsAt) open.expiresAt = open.windowEndsAt;
          close(step.at, e.actorUserId);
        }
      }
      continue;
    }
    const m = step.message;
    if (m.direction === 'inbound') {
      if (m.system) continue;
      if (!open) {
        const reopened = cycles.length > 0;
        // The customer's message reopens a resolved or snoozed conversation; pending stays pending.
        if (status === 'resolved' || status === 'snoozed') status = 'open';
        open = {
          cycleNo: cycles.length,
          startedAt: step.at,
          reopened,
          fromAd: m.fromAd,
          assigned: new Set(assignee ? [assignee] : []),
          repliers: new Set(),
          firstResponseAt: null,
          firstResponder: null,
          waitingSince: null,
          responses: [],
          paused: [],
          pausedSince: status === 'pending' ? step.at : null,
          windowEndsAt: step.at + WINDOW_MS,
          expiresAt: null,
          customerMessages: 0,
          agentMessages: 0,
        };
      } else {
        // A snoozed conversation wakes when the customer writes.
        if (status === 'snoozed') {
          status = 'open';
          if (open.pausedSince !== null) {
            open.paused.push({ from: open.pausedSince, to: step.at });
            open.pausedSince = null;
          }
        }
        if (open.expiresAt === null && step.at > open.windowEndsAt) open.expiresAt = open.windowEndsAt;
        open.windowEndsAt = step.at + WINDOW_MS;
      }
      open.customerMessages++;
      open.waitingSince ??= step.at;
      continue;
    }
    if (!open || m.automated || m.senderUserId === null) continue;
    open.agentMessages++;
    open.repliers.add(m.senderUserId);
    if (open.firstResponseAt === null) {
      open.firstResponseAt = step.at;
      open.firstResponder = m.senderUserId;
    }
    if (open.waitingSince !== null) {
      open.responses.push({ from: open.waitingSince, to: step.at });
      open.waitingSince = null;
    }
  }
  if (open) close(null, null);
  return cycles;
}
