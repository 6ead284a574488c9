import type { Timing } from '../../../src-shared/automation/automation';

/*
 * The rule editor's "When" fields as typed, and the `Timing` they stand for. A delay is typed in minutes, hours or
 * days and stored in minutes; an existing delay opens in the largest unit that holds it whole (90 minutes stay
 * minutes, 2 days show as 2 days).
 */

export const delayUnits = ['minutes', 'hours', 'days'] as const;
export type DelayUnit = (typeof delayUnits)[number];

const unitMinutes: Record<DelayUnit, number> = { minutes: 1, hours: 60, days: 60 * 24 };
/** The schema's bound: a delay of at most 366 days. */
export const maxDelayMinutes = 60 * 24 * 366;

export interface TimingForm {
  kind: Timing['kind'];
  /** The delay's number, as typed. */
  amount: string;
  unit: DelayUnit;
  /** HH:MM, the time of day. */
  time: string;
  /** Days after the first such time, as typed. */
  days: string;
}

export function timingFormOf(timing: Timing | undefined): TimingForm {
  const blank: TimingForm = { kind: 'immediately', amount: '30', unit: 'minutes', time: '09:00', days: '0' };
  if (!timing || timing.kind === 'immediately') return blank;
  if (timing.kind === 'at') return { ...blank, kind: 'at', time: timing.time, days: String(timing.days) };
  const unit = [...delayUnits].reverse().find((u) => timing.minutes % unitMinutes[u] === 0) ?? 'minutes';
  return { ...blank, kind: 'after', amount: String(timing.minutes / unitMinutes[unit]), unit };
}

/** A whole number as typed ("15", " 3 "), or null. */
function wholeNumber(text: string): number | null {
  const trimmed = text.trim();
  return /^\d{1,7}$/.test(trimmed) ? Number(trimmed) : null;
}

export type TimingResult = { timing: Timing; error?: undefined } | { timing?: undefined; error: { field: 'amount' | 'time' | 'days'; key: string } };

/** The `Timing` the form says, or which field is wrong and why (a message key). */
export function timingOf(form: TimingForm): TimingResult {
  if (form.kind === 'immediately') return { timing: { kind: 'immediately' } };
  if (form.kind === 'after') {
    const amount = wholeNumber(form.amount);
    if (amount === null || amount < 1) return { error: { field: 'amount', key: 'automation.timing.wholeNumber' } };
    const minutes = amount * unitMinutes[form.unit];
    if (minutes > maxDelayMinutes) return { error: { field: 'amount', key: 'automation.timing.tooLong' } };
    return { timing: { kind: 'after', minutes } };
  }
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(form.time)) return { error: { field: 'time', key: 'automation.timing.timeFormat' } };
  const days = form.days.trim() === '' ? 0 : wholeNumber(form.days);
  if (days === null) return { error: { field: 'days', key: 'automation.timing.daysNumber' } };
  if (days > 366) return { error: { field: 'days', key: 'automation.timing.tooLong' } };
  return { timing: { kind: 'at', time: form.time, days } };
}
