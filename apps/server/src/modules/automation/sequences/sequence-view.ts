import type { Sequence, SequenceEnrollment, SequenceStep } from '@charla/contracts';

export interface SequenceRow {
  id: string;
  name: string;
  channel_id: string;
  steps: SequenceStep[];
  weekdays: number[];
  from_time: string;
  to_time: string;
  time_zone: string;
  enabled: boolean;
  created_at: Date | string;
  updated_at: Date | string;
  enrolled?: number | string;
  active?: number | string;
  finished?: number | string;
  replied?: number | string;
  opted_out?: number | string;
  cancelled?: number | string;
}

/** The columns a sequence is read with, its counts from its enrolments (`s` is the sequence). */
export const SEQUENCE_COLUMNS = `s.id, s.name, s.channel_id, s.steps, s.weekdays, s.from_time, s.to_time, s.time_zone,
  s.enabled, s.created_at, s.updated_at,
  (SELECT count(*) FROM sequence_enrollments e WHERE e.sequence_id = s.id) AS enrolled,
  (SELECT count(*) FROM sequence_enrollments e WHERE e.sequence_id = s.id AND e.status = 'active') AS active,
  (SELECT count(*) FROM sequence_enrollments e WHERE e.sequence_id = s.id AND e.status = 'finished') AS finished,
  (SELECT count(*) FROM sequence_enrollments e WHERE e.sequence_id = s.id AND e.stop_reason = 'replied') AS replied,
  (SELECT count(*) FROM sequence_enrollments e WHERE e.sequence_id = s.id AND e.stop_reason = 'opted_out') AS opted_out,
  (SELECT count(*) FROM sequence_enrollments e WHERE e.sequence_id = s.id AND e.status = 'cancelled') AS cancelled`;

const iso = (d: Date | string) => new Date(d).toISOString();

export function toSequence(r: SequenceRow): Sequence {
  return {
    id: r.id,
    name: r.name,
    channelId: r.channel_id,
    enabled: r.enabled,
    window: { timeZone: r.time_zone, weekdays: r.weekdays, from: r.from_time, to: r.to_time },
    steps: r.steps,
    counts: {
      enrolled: Number(r.enrolled ?? 0),
      active: Number(r.active ?? 0),
      finished: Number(r.finished ?? 0),
      replied: Number(r.replied ?? 0),
      optedOut: Number(r.opted_out ?? 0),
      cancelled: Number(r.cancelled ?? 0),
    },
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

export interface EnrollmentRow {
  id: string;
  sequence_id: string;
  contact_id: string;
  contact_name: string | null;
  phone: string | null;
  conversation_id: string | null;
  step: number;
  next_at: Date | string | null;
  status: SequenceEnrollment['status'];
  stop_reason: SequenceEnrollment['stopReason'];
  enrolled_by: SequenceEnrollment['enrolledBy'];
  skipped: SequenceEnrollment['skipped'];
  created_at: Date | string;
  ended_at: Date | string | null;
}

export const ENROLLMENT_COLUMNS = `e.id, e.sequence_id, e.contact_id, coalesce(ct.name, ct.profile_name) AS contact_name,
  ct.phone, e.conversation_id, e.step, e.next_at, e.status, e.stop_reason, e.enrolled_by, e.skipped,
  e.created_at, e.ended_at`;

export function toEnrollment(r: EnrollmentRow): SequenceEnrollment {
  return {
    id: r.id,
    sequenceId: r.sequence_id,
    contact: { id: r.contact_id, name: r.contact_name, phone: r.phone },
    conversationId: r.conversation_id,
    step: r.step,
    nextAt: r.next_at ? iso(r.next_at) : null,
    status: r.status,
    stopReason: r.stop_reason,
    enrolledBy: r.enrolled_by,
    skipped: r.skipped,
    createdAt: iso(r.created_at),
    endedAt: r.ended_at ? iso(r.ended_at) : null,
  };
}
