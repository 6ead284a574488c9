import { describe, expect, it } from 'vitest';
import { createStopList } from './stop-list';

describe('the stop list', () => {
  it('runs each step once, in order, going on past a failing one and naming it', async () => {
    const ran: string[] = [];
    const failures: string[] = [];
    const list = createStopList((name) => failures.push(name));
    list.add('http', async () => void ran.push('http'));
    list.add('outbox', async () => {
      ran.push('outbox');
      throw new Error('stuck');
    });
    list.add('store', async () => void ran.push('store'));
    const [first, second] = await Promise.all([list.run(), list.run()]);
    expect(first).toEqual(['outbox']);
    expect(second).toBe(first);
    expect(ran).toEqual(['http', 'outbox', 'store']);
    expect(failures).toEqual(['outbox']);
  });
});
