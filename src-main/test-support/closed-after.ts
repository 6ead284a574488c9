import { afterEach } from 'vitest';

/*
 * What a test starts (a company server, a desktop) closed after it, last started first closed, once either way: a
 * test may close one itself (a server going down, a desktop restarted) and the cleanup then does nothing more.
 */
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

export function closedAfter<T extends { close(): Promise<void> }>(thing: T): T {
  const close = thing.close.bind(thing);
  let closing: Promise<void> | undefined;
  thing.close = () => (closing ??= close());
  cleanups.push(() => thing.close());
  return thing;
}
