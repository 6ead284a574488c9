import { describe, expect, it } from 'vitest';
import { Latencies, percentile, runConcurrently } from './latencies';

describe('the load bench figures', () => {
  it('takes nearest-rank percentiles', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it('counts a throwing step as an error of that step, with its reason', async () => {
    const l = new Latencies();
    await l.time('open', async () => 1);
    await expect(l.time('open', async () => Promise.reject(new Error('HTTP 429')))).rejects.toThrow('HTTP 429');
    expect(l.summary('open')).toMatchObject({ count: 1, errors: 1, firstError: 'HTTP 429' });
  });

  it('survives being sent between processes as plain data', async () => {
    const l = new Latencies();
    l.add('open', 3);
    l.add('open', 5);
    l.fail('sign', 'HTTP 500');
    const copy = Latencies.of(JSON.parse(JSON.stringify(l.record())) as ReturnType<Latencies['record']>);
    expect(copy.steps()).toEqual(['open', 'sign']);
    expect(copy.summary('open')).toMatchObject({ count: 2, p99: 5 });
    expect(copy.summary('sign')).toMatchObject({ count: 0, errors: 1, firstError: 'HTTP 500' });
  });

  it('never runs more tasks at once than asked, and runs every one', async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];
    const failed = await runConcurrently(25, 4, async (i) => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 1));
      running--;
      done.push(i);
      if (i === 3) throw new Error('one fails');
    });
    expect(most).toBe(4);
    expect(done.sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(failed).toBe(1);
  });
});
