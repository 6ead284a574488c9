import { pairDevice } from '../../src-server/test-support/paired-device';
import { startTestServer, type TestServer } from '../../src-server/test-support/test-server';
import { runSync } from '../sync/sync-run';
import type { SyncTarget } from '../sync/sync-transport';
import { startTestApp, type TestApp } from './temp-services';

/** A desktop set up and paired with the test server as the administrator, and its sync. */
export interface PairedDesktop {
  app: TestApp;
  target: SyncTarget;
  userId: string;
  sync(): ReturnType<typeof runSync>;
}

/** A real company server and two desktops of one company paired with it: Anna's laptop A and Piotr's laptop B. */
export async function twoPairedDesktops(): Promise<{ server: TestServer; a: PairedDesktop; b: PairedDesktop; close(): Promise<void> }> {
  const server = await startTestServer();
  const desktop = async (device: string, userName: string): Promise<PairedDesktop> => {
    const target = { url: server.url, token: (await pairDevice(server, device)).token };
    const app = await startTestApp();
    const userId = (await app.ok('setup.complete', { company: { name: 'Zakłady Łódzkie Sp. z o.o.' }, userName })).user.id;
    return { app, target, userId, sync: () => runSync(app.context, target) };
  };
  const a = await desktop('Laptop A', 'Anna Nowak');
  const b = await desktop('Laptop B', 'Piotr Wiśniewski');
  return {
    server,
    a,
    b,
    async close() {
      await a.app.close();
      await b.app.close();
      await server.close();
    },
  };
}
