import {
  delayMs,
  nextOpenAt,
  type SequenceStep,
  type SequenceWindow,
  windowCalendar,
} from '@charla/contracts';

/** The sequence's allowed window, as its row stores it. */
export interface WindowRow {
  weekdays: number[];
  from_time: string;
  to_time: string;
  time_zone: string;
}

export const windowOf = (r: WindowRow): SequenceWindow => ({
  timeZone: r.time_zone,
  weekdays: r.weekdays,
  from: r.from_time,
  to: r.to_time,
});

/** The first allowed instant at or after `at` (null: the window never opens). */
export const nextAllowedAt = (w: SequenceWindow, at: Date): Date | null => nextOpenAt(windowCalendar(w), at);

/** When a step falls due: its delay after `from` (the enrolment or the step before), moved into the window. */
export function stepDueAt(w: SequenceWindow, step: SequenceStep, from: Date): Date | null {
  return nextAllowedAt(w, new Date(from.getTime() + delayMs(step.delay)));
}
