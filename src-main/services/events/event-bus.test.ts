import { describe, expect, it } from 'vitest';
import { createEventBus } from './event-bus';

const changed = (id: string) => ({ type: 'documentsChanged' as const, ids: [id] });

describe('event bus', () => {
  it('a first wait learns the cursor; a later one returns what happened since, at once or as soon as it happens', async () => {
    const bus = createEventBus();
    bus.publish(changed('a'));
    expect(await bus.wait(-1, 1000)).toEqual({ cursor: 1, events: [], reset: false });
    const pending = bus.wait(1, 5000);
    bus.publish(changed('b'));
    expect(await pending).toEqual({ cursor: 2, events: [changed('b')], reset: false });
    bus.publish(changed('c'));
    expect(await bus.wait(1, 1000)).toEqual({ cursor: 3, events: [changed('b'), changed('c')], reset: false });
  });

  it('returns empty when nothing happens in time, and ends open waits on close', async () => {
    const bus = createEventBus();
    expect(await bus.wait(0, 20)).toEqual({ cursor: 0, events: [], reset: false });
    const open = bus.wait(0, 60_000);
    bus.close();
    expect(await open).toEqual({ cursor: 0, events: [], reset: false });
  });

  it('a window that fell behind what is kept, or holds a cursor from an earlier run, is told to reload', async () => {
    const bus = createEventBus(2);
    for (const id of ['a', 'b', 'c', 'd']) bus.publish(changed(id));
    expect(await bus.wait(1, 1000)).toEqual({ cursor: 4, events: [], reset: true });
    expect(await bus.wait(2, 1000)).toEqual({ cursor: 4, events: [changed('c'), changed('d')], reset: false });
    expect(await bus.wait(99, 1000)).toEqual({ cursor: 4, events: [], reset: true });
  });
});
