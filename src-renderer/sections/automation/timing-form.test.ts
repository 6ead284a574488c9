import { describe, expect, it } from 'vitest';
import { timingSchema } from '../../../src-shared/automation/automation';
import { timingFormOf, timingOf, type TimingForm } from './timing-form';

const form = (patch: Partial<TimingForm>): TimingForm => ({ ...timingFormOf(undefined), ...patch });

describe('timingOf', () => {
  it('turns a delay in hours or days into minutes the schema takes', () => {
    expect(timingOf(form({ kind: 'after', amount: '2', unit: 'hours' }))).toEqual({ timing: { kind: 'after', minutes: 120 } });
    expect(timingOf(form({ kind: 'after', amount: ' 3 ', unit: 'days' }))).toEqual({ timing: { kind: 'after', minutes: 4320 } });
    const result = timingOf(form({ kind: 'after', amount: '45', unit: 'minutes' }));
    expect(timingSchema.parse(result.timing)).toEqual({ kind: 'after', minutes: 45 });
  });

  it('refuses a delay that is not a whole number of at least one, or longer than 366 days', () => {
    expect(timingOf(form({ kind: 'after', amount: '0' })).error).toEqual({ field: 'amount', key: 'automation.timing.wholeNumber' });
    expect(timingOf(form({ kind: 'after', amount: '1.5', unit: 'hours' })).error?.field).toBe('amount');
    expect(timingOf(form({ kind: 'after', amount: '' })).error?.field).toBe('amount');
    expect(timingOf(form({ kind: 'after', amount: '367', unit: 'days' })).error).toEqual({ field: 'amount', key: 'automation.timing.tooLong' });
    expect(timingOf(form({ kind: 'after', amount: '366', unit: 'days' })).timing).toEqual({ kind: 'after', minutes: 366 * 1440 });
  });

  it('reads a time of day and the days after it, an empty days field as the same day', () => {
    expect(timingOf(form({ kind: 'at', time: '09:30', days: '2' }))).toEqual({ timing: { kind: 'at', time: '09:30', days: 2 } });
    expect(timingOf(form({ kind: 'at', time: '23:59', days: '' }))).toEqual({ timing: { kind: 'at', time: '23:59', days: 0 } });
    expect(timingOf(form({ kind: 'at', time: '24:00' })).error).toEqual({ field: 'time', key: 'automation.timing.timeFormat' });
    expect(timingOf(form({ kind: 'at', time: '08:00', days: '-1' })).error).toEqual({ field: 'days', key: 'automation.timing.daysNumber' });
    expect(timingOf(form({ kind: 'at', time: '08:00', days: '400' })).error?.key).toBe('automation.timing.tooLong');
  });

  it('ignores the other kinds’ fields for "immediately"', () => {
    expect(timingOf(form({ kind: 'immediately', amount: 'nonsense', time: 'x' }))).toEqual({ timing: { kind: 'immediately' } });
  });
});

describe('timingFormOf', () => {
  it('opens a delay in the largest unit that holds it whole, and round-trips', () => {
    expect(timingFormOf({ kind: 'after', minutes: 2880 })).toMatchObject({ kind: 'after', amount: '2', unit: 'days' });
    expect(timingFormOf({ kind: 'after', minutes: 180 })).toMatchObject({ amount: '3', unit: 'hours' });
    expect(timingFormOf({ kind: 'after', minutes: 90 })).toMatchObject({ amount: '90', unit: 'minutes' });
    for (const timing of [{ kind: 'immediately' }, { kind: 'after', minutes: 1500 }, { kind: 'at', time: '07:05', days: 3 }] as const) {
      expect(timingOf(timingFormOf(timing)).timing).toEqual(timing);
    }
  });
});
