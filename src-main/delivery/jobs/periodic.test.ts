import { afterEach, describe, expect, it, vi } from 'vitest';
import { startPeriodic } from './periodic';

afterEach(() => {
  vi.useRealTimers();
});

describe('startPeriodic', () => {
  it('runs the pass at once and at every tick, a failure reported and the next tick tried; stop waits for the pass in progress', async () => {
    vi.useFakeTimers();
    const failures: unknown[] = [];
    let passes = 0;
    let release: () => void = () => {};
    const periodic = startPeriodic(
      1000,
      async () => {
        passes += 1;
        if (passes === 2) throw new Error('the second pass fails');
        if (passes === 4) await new Promise<void>((resolve) => (release = resolve));
      },
      (error) => failures.push(error),
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(passes).toBe(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect([passes, failures.map((e) => (e as Error).message)]).toEqual([2, ['the second pass fails']]);
    await vi.advanceTimersByTimeAsync(2000);
    expect(passes).toBe(4);

    let stopped = false;
    const stopping = periodic.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(5000);
    expect([passes, stopped]).toEqual([4, false]);
    release();
    await stopping;
    expect([passes, stopped]).toEqual([4, true]);
  });
});
