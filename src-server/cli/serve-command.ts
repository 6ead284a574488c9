import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../http/build-server';
import { createStopList, type StopList } from '../lifecycle/stop-list';
import { openServerStore } from '../store/open-server-store';
import { readCaFile, serverTrustAnchors } from '../verify/trust-anchors';
import { ensureServerId, readServerSetting, writeServerSetting } from '../store/server-settings';
import type { Command } from './args';

export interface RunningServer {
  app: FastifyInstance;
  /** Where it listens, e.g. http://127.0.0.1:8080 (the actual port when asked for 0). */
  address: string;
  /** Everything that stops on SIGTERM, in order; the outbox adds itself between the HTTP server and the store. */
  stopList: StopList;
}

/** out/renderer beside out/main, where this program is built to (the portal is one of its pages). */
const builtRenderer = () => path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../renderer');

/** Opens the store in the data folder, builds the app and listens. */
export async function startServer(config: Extract<Command, { kind: 'serve' }>, version: string): Promise<RunningServer> {
  // Read before the store opens: a wrong path stops the start with the file's name, not later on the first check.
  const anchors = serverTrustAnchors({ companyCas: config.trustCaFiles.flatMap(readCaFile) });
  const store = await openServerStore(config.dataDir);
  let app: FastifyInstance;
  try {
    const serverId = await ensureServerId(store.db);
    if (config.name) await writeServerSetting(store.db, 'server.name', config.name);
    const serverName = (await readServerSetting(store.db, 'server.name')) ?? undefined;
    app = await buildServer({ store, version, serverId, serverName, trustProxy: config.trustProxy, trustAnchors: () => anchors, portalRoot: builtRenderer() });
    const stopList = createStopList((name, error) => app.log.error({ err: error, step: name }, 'stopping: a step failed'));
    stopList.add('http', () => app.close());
    stopList.add('store', () => store.close());
    const address = await app.listen({ port: config.port, host: config.host });
    app.log.info({ address, dataDir: config.dataDir, publicUrl: config.publicUrl ?? null, serverId, version }, 'company server started');
    return { app, address, stopList };
  } catch (error) {
    await store.close();
    throw error;
  }
}
