import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { apiPrefix } from '../../src-shared/company-server/api';
import { noAnchors, type TrustAnchors } from '../../src-main/pdf/trust';
import { publicVerifyRateLimit } from '../../src-shared/portal/verify';
import { defaultAttemptLimits, type AttemptLimits } from '../pairing/attempts';
import { noOutbox, type LinkOutbox } from '../publishing/link-messages';
import type { CodeOutbox } from '../portal-api/portal-context';
import { serverFilesOf } from '../publishing/server-files';
import type { ServerStore } from '../store/open-server-store';
import { ApiError } from './api-error';
import { registerAuthentication } from './authenticate';
import { registerRoutePermission } from './route-permission';
import { registerAutomationRoutes } from './automation-routes';
import { registerDesktopSignatureRoutes } from './desktop-signature-routes';
import { registerErrorHandling } from './error-handler';
import { registerEventsRoute } from './events-route';
import { closeConnectionsOnStop } from '../lifecycle/stop-connections';
import { registerHealthRoute } from './health-route';
import { registerPairingRoutes } from './pairing-routes';
import { registerPublishingRoutes } from './publishing-routes';
import { redactUrl } from './log-redaction';
import { registerPortalLinkRoutes } from './portal-link-routes';
import { registerPortalRoutes } from './portal-routes';
import { registerPortalSessionRoutes } from './portal-session-routes';
import { registerRateLimit } from './rate-limit';
import { registerSecurityHeaders } from './security-headers';
import { registerSealedRoutes } from './sealed-routes';
import { registerPublicVerifyRoute } from './verify-route';
import { registerUnlockCodeRoute } from './unlock-code-route';
import { registerUpdateFeedRoutes } from './update-feed-routes';
import { registerSyncRoutes } from './sync-routes';
import { registerAccountRoutes } from './account-routes';
import type { AccountOutbox } from '../accounts/invitation-mail';

export interface ServerOptions {
  store: ServerStore;
  version: string;
  serverId: string;
  serverName?: string | undefined;
  /**
   * Behind a reverse proxy: whose X-Forwarded-For / -Proto to believe (true: any; a number: that many hops; addresses
   * or CIDRs). Off by default, so a client cannot claim another address to escape the pairing limit.
   */
  trustProxy?: FastifyServerOptions['trustProxy'];
  /** Where the JSON log lines go (standard output by default); `false` for none. */
  log?: { level?: string; stream?: { write(line: string): void } } | false;
  now?: () => Date;
  pairingLimits?: AttemptLimits;
  /** What the public verification trusts (see src-server/verify/trust-anchors.ts); asked on each check. None by default. */
  trustAnchors?: () => TrustAnchors;
  /** The built renderer (out/renderer) whose portal pages the server serves at its root; none when not given. */
  portalRoot?: string | undefined;
  /** The desktops' update feed (`--updates DIR`), served at /updates/; none when not given. */
  updatesDir?: string | undefined;
  /** Checks per client address per window on the public verification page. */
  publicVerifyLimit?: { max: number; windowMs: number };
  /** Where signers open their links (`--public-url`); asked when a link is written. */
  publicUrl?: () => string | undefined;
  /** Where the signing links' messages go, in the publish's transaction. */
  linkOutbox?: LinkOutbox;
  /** Where the portal's identity codes go (the same outbox); without it a code cannot be sent. */
  codeOutbox?: CodeOutbox;
  /** Where account invitations go (the same outbox); without it an invitation cannot be sent. */
  accountOutbox?: AccountOutbox;
  /**
   * Told, after the commit, that a published document's last signature is in (the signing routes call it, fire and
   * forget): serve passes its seal queue's kick. Without it the document waits for the queue's sweep.
   */
  onAllSigned?: (publishedId: string) => void;
}

/**
 * Logged request fields: no headers at all (the Authorization header holds a device's token, the Cookie a signing
 * session) and the URL only as its path and query, with a signing link's token taken out. Redaction also names the
 * headers, in case a future serializer adds them back.
 */
const logSerializers = {
  req: (req: { method: string; url: string; ip?: string; headers: Record<string, unknown> }) => ({
    method: req.method,
    url: redactUrl(req.url),
    remoteAddress: req.ip,
    userAgent: req.headers['user-agent'],
  }),
};

/** A server without an outbox cannot send a code; the signer is told it is unavailable rather than waiting for nothing. */
const noCodeOutbox: CodeOutbox = () => {
  throw new ApiError('UNAVAILABLE', { messageKey: 'companyServer.api.noOutbox' });
};

/** The company server's HTTP app, not yet listening: `main.ts` listens on it, tests listen on port 0 or inject. */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? {};
  const app = Fastify({
    logger: log === false ? false : { level: log.level ?? 'info', ...(log.stream ? { stream: log.stream } : {}), serializers: logSerializers, redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization'], censor: '[redacted]' } },
    genReqId: () => randomUUID(),
    trustProxy: options.trustProxy ?? false,
    bodyLimit: 64 * 1024,
    // A request that never finishes sending cannot hold a connection for ever.
    requestTimeout: 60_000,
  });
  registerSecurityHeaders(app);
  closeConnectionsOnStop(app);
  registerErrorHandling(app);
  registerHealthRoute(app, options.store, options.version);
  await registerRateLimit(app, options.store.db);
  if (options.portalRoot) registerPortalRoutes(app, options.portalRoot);
  if (options.updatesDir) registerUpdateFeedRoutes(app, options.updatesDir);
  await app.register(
    async (api) => {
      registerAuthentication(api, options.store, now);
      registerRoutePermission(api, options.store.db);
      registerPairingRoutes(api, { store: options.store, serverId: options.serverId, serverName: options.serverName, now, limits: options.pairingLimits ?? defaultAttemptLimits });
      await registerPublishingRoutes(api, { store: options.store, files: serverFilesOf(options.store), now, newId: randomUUID, publicUrl: options.publicUrl ?? (() => undefined), outbox: options.linkOutbox ?? noOutbox });
      await registerEventsRoute(api, { db: options.store.db, wake: options.store.feedWake });
      await registerPortalLinkRoutes(api, { db: options.store.db, files: serverFilesOf(options.store), now, newId: randomUUID, outbox: options.codeOutbox ?? noCodeOutbox });
      const signing = { db: options.store.db, files: serverFilesOf(options.store), now, publicUrl: options.publicUrl ?? (() => undefined), outbox: options.linkOutbox ?? noOutbox, onAllSigned: options.onAllSigned };
      await registerPortalSessionRoutes(api, signing);
      registerDesktopSignatureRoutes(api, signing);
      registerUnlockCodeRoute(api, signing);
      await registerPublicVerifyRoute(api, { trustAnchors: options.trustAnchors ?? (() => noAnchors), limit: options.publicVerifyLimit ?? publicVerifyRateLimit });
      registerSealedRoutes(api, { db: options.store.db, files: serverFilesOf(options.store), now });
      await registerSyncRoutes(api, { db: options.store.db, files: serverFilesOf(options.store).files, now });
      registerAutomationRoutes(api, { db: options.store.db, now });
      registerAccountRoutes(api, { store: options.store, serverId: options.serverId, serverName: options.serverName, now, limits: options.pairingLimits ?? defaultAttemptLimits, publicUrl: options.publicUrl ?? (() => undefined), outbox: options.accountOutbox });
    },
    { prefix: apiPrefix },
  );
  return app;
}
