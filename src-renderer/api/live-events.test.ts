import { describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared/contract/errors';
import type { EventBatch } from '../../src-shared/contract/app-events';
import { createLiveEvents } from './live-events';

/** Answers each events.wait from a script, recording the cursors it was asked with. */
function scripted(answers: (EventBatch | 'fail')[]) {
  const asked: number[] = [];
  let release: () => void = () => {};
  const api = {
    call: async (_name: string, input: { after: number }) => {
      asked.push(input.after);
      const next = answers.shift();
      if (next === 'fail') throw new AppError('TRANSPORT', 'errors.transport');
      if (next) return next;
      await new Promise<void>((r) => (release = r));
      return { cursor: input.after, events: [], reset: false };
    },
  };
  return { api: api as never, asked, release: () => release() };
}

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('live events', () => {
  it('passes events on, follows the cursor, and after a failed wait reports a reset', async () => {
    const changed = { type: 'documentsChanged' as const, ids: ['a'] };
    const { api, asked, release } = scripted([
      { cursor: 4, events: [], reset: false },
      { cursor: 5, events: [changed], reset: false },
      'fail',
      { cursor: 0, events: [], reset: false },
    ]);
    const seen: unknown[] = [];
    const live = createLiveEvents(api, 1);
    const stop = live.subscribe((u) => seen.push(u));
    for (let i = 0; i < 10 && asked.length < 5; i++) await tick();
    expect(asked).toEqual([-1, 4, 5, -1, 0]);
    expect(seen).toEqual([{ events: [changed], reset: false }, { events: [], reset: true }]);
    stop();
    release();
    await tick();
    expect(asked).toHaveLength(5);
  });
});
