import { test } from '@playwright/test';
import { BrowserHost, type HostOptions } from './host';

/** One browser host for a spec file: started before its tests, removed after them. Returns a getter for it. */
export function specHost(options: HostOptions = {}): () => BrowserHost {
  let host: BrowserHost | undefined;
  test.beforeAll(async () => {
    host = new BrowserHost(options);
    await host.start();
  });
  test.afterAll(async () => {
    await host?.dispose();
  });
  return () => {
    if (!host) throw new Error('the spec host is not started (call specHost at the top level of the spec file)');
    return host;
  };
}
