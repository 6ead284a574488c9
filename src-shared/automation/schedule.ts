import type { Timing } from './automation';

/**
 * When a rule with `timing` comes due for a document that entered its stage at `entered` (epoch ms). A time of day is
 * read in `timeZone` (the company's, e.g. Europe/Warsaw), across a change to or from summer time as the wall clock
 * there shows it.
 */
export function dueAt(timing: Timing, entered: number, timeZone: string): number {
  if (timing.kind === 'immediately') return entered;
  if (timing.kind === 'after') return entered + timing.minutes * 60_000;
  const [hour, minute] = timing.time.split(':').map(Number) as [number, number];
  const day = wallDate(entered, timeZone);
  let at = instantOf(day, hour, minute, timeZone);
  if (at < entered) at = instantOf(addDays(day, 1), hour, minute, timeZone);
  return timing.days ? instantOf(addDays(wallDate(at, timeZone), timing.days), hour, minute, timeZone) : at;
}

type Day = { y: number; m: number; d: number };

function wallDate(at: number, timeZone: string): Day {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(at));
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return { y: get('year'), m: get('month'), d: get('day') };
}

function addDays(day: Day, days: number): Day {
  const t = new Date(Date.UTC(day.y, day.m - 1, day.d + days));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** The offset of `timeZone` from UTC at `at`, in ms. */
function offsetAt(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(new Date(at));
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - Math.floor(at / 1000) * 1000;
}

/** The instant the wall clock in `timeZone` shows `day` at hour:minute (a time skipped by summer time: an hour later). */
function instantOf(day: Day, hour: number, minute: number, timeZone: string): number {
  const naive = Date.UTC(day.y, day.m - 1, day.d, hour, minute);
  const first = naive - offsetAt(naive, timeZone);
  return naive - offsetAt(first, timeZone);
}
