import { afterEach, beforeEach, expect, it } from 'vitest';
import { dayAfter, daysBetween, localDay } from './calendar';

let zone: string | undefined;
beforeEach(() => {
  zone = process.env.TZ;
  // Node reads TZ again when it changes: the dates below are Warsaw's.
  process.env.TZ = 'Europe/Warsaw';
});
afterEach(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

it('counts days in the local calendar: a quarter past midnight in Warsaw is already the 4th, though UTC has the 3rd', () => {
  const justAfterMidnight = new Date('2026-03-03T23:15:00Z');
  expect(localDay(justAfterMidnight)).toBe('2026-03-04');
  expect(dayAfter(justAfterMidnight, 14)).toBe('2026-03-18');
  expect(daysBetween(localDay(justAfterMidnight), '2026-03-18')).toBe(14);
  // Across the change to summer time (29 March) a day is still a day.
  expect(dayAfter(new Date('2026-03-28T12:00:00Z'), 2)).toBe('2026-03-30');
  expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
});
