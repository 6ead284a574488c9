import type { FastifyInstance } from 'fastify';
import type { TrustAnchors } from '../../src-main/pdf/trust';
import { tempDir } from '../../src-main/test-support/temp-services';
import { buildServer } from '../http/build-server';
import type { AttemptLimits } from '../pairing/attempts';
import type { LinkOutbox } from '../publishing/link-messages';
import type { CodeOutbox } from '../portal-api/portal-context';
import type { AccountOutbox } from '../accounts/invitation-mail';
import { createPairingCode } from '../pairing/pairing-codes';
import { openServerStore, type ServerStore } from '../store/open-server-store';
import { ensureServerId } from '../store/server-settings';
import { testDatabaseUrl } from './postgres';

/** Publishing: the signing links' outbox, and a data folder and port to start again on (a restart, a server down at first). */
export interface PublishingTestOptions {
  linkOutbox?: LinkOutbox;
  /** The portal's identity codes' outbox. */
  codeOutbox?: CodeOutbox;
  /** Where account invitations go. */
  accountOutbox?: AccountOutbox;
  /** Told when a published document's last signature is in (a seal queue's kick). */
  onAllSigned?: (publishedId: string) => void;
  /** Default: the server's own http://127.0.0.1:PORT. */
  publicUrl?: string;
  dataDir?: string;
  port?: number;
  /** postgres://…: the store there (several instances on one database); default: SIGNET_TEST_DATABASE's choice (postgres.ts). */
  databaseUrl?: string;
}

export interface TestServer {
  app: FastifyInstance;
  store: ServerStore;
  dataDir: string;
  serverId: string;
  /** http://127.0.0.1:PORT, listening on a free loopback port. */
  url: string;
  /** Every JSON line the server logged, as text, in order. */
  logLines: string[];
  /** A fresh pairing code, as `signet-server pair` makes it (display form), at the test's clock. */
  newCode(): Promise<string>;
  close(): Promise<void>;
}

/** The real app and store in a temporary folder, listening on port 0, its clock the test's to move. */
export async function startTestServer(
  options: { now?: () => Date; limits?: AttemptLimits; serverName?: string; trustAnchors?: TrustAnchors; publicVerifyLimit?: { max: number; windowMs: number }; portalRoot?: string; updatesDir?: string } & PublishingTestOptions = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? tempDir('signet-server-test-');
  const store = await openServerStore(dataDir, { databaseUrl: options.databaseUrl ?? (await testDatabaseUrl(dataDir)) });
  const serverId = await ensureServerId(store.db);
  const now = options.now ?? (() => new Date());
  const logLines: string[] = [];
  const app = await buildServer({
    store,
    version: '0.0.0-test',
    serverId,
    serverName: options.serverName,
    now,
    ...(options.limits ? { pairingLimits: options.limits } : {}),
    ...(options.trustAnchors ? { trustAnchors: () => options.trustAnchors! } : {}),
    ...(options.publicVerifyLimit ? { publicVerifyLimit: options.publicVerifyLimit } : {}),
    portalRoot: options.portalRoot,
    updatesDir: options.updatesDir,
    log: { stream: { write: (line) => void logLines.push(line) } },
    publicUrl: () => options.publicUrl ?? url,
    ...(options.linkOutbox ? { linkOutbox: options.linkOutbox } : {}),
    ...(options.codeOutbox ? { codeOutbox: options.codeOutbox } : {}),
    ...(options.accountOutbox ? { accountOutbox: options.accountOutbox } : {}),
    ...(options.onAllSigned ? { onAllSigned: options.onAllSigned } : {}),
  });
  const url = await app.listen({ port: options.port ?? 0, host: '127.0.0.1' });
  return {
    app,
    store,
    dataDir,
    serverId,
    url,
    logLines,
    newCode: async () => (await createPairingCode(store.db, now())).code,
    close: async () => {
      await app.close();
      await store.close();
    },
  };
}
