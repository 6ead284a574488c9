import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../src-shared/contract/errors';
import { translator } from '../../src-shared/i18n/translate';
import { ConfigError } from '../config/config-error';
import { loadServerDelivery } from '../config/server-config';
import { createServerOutbox, type ServerOutbox } from '../delivery/server-outbox';
import { createServerAutomation } from '../automation/server-automation';
import type { AutomationWorker } from '../../src-main/automation/engine/worker';
import { serverFilesOf } from '../publishing/server-files';
import { removeLegacyPartFiles, startUploadSweep } from '../publishing/upload-sweep';
import { buildServer } from '../http/build-server';
import { logOf } from '../lifecycle/pino-log';
import { createStopList, type StopList } from '../lifecycle/stop-list';
import { loadSealer, type Sealer } from '../seal/sealer';
import { startSealQueue, type SealQueue } from '../sealing/seal-queue';
import { startSealThread, type SealThread } from '../sealing/seal-thread';
import { startSealedRemoval } from '../sealing/sealed-removal';
import { loadFonts } from '../../src-main/pdf/compose/fonts';
import { databaseUrlOf } from '../store/database-url';
import { openServerStore } from '../store/open-server-store';
import { readCaFile, serverTrustAnchors } from '../verify/trust-anchors';
import { ensureServerId, readServerSetting, writeServerSetting } from '../store/server-settings';
import type { Command } from './args';

export interface RunningServer {
  app: FastifyInstance;
  /** Where it listens, e.g. http://127.0.0.1:8080 (the actual port when asked for 0). */
  address: string;
  /**
   * Everything that stops on SIGTERM, in order: the HTTP server, the seal queue, the outbox, the sweeps (abandoned
   * uploads, sealed files past their time), the store.
   */
  stopList: StopList;
  /** The server's own outbox (server.json's SMTP and SMS), started. */
  outbox: ServerOutbox;
  /** What the server seals with, when started with --seal-p12. */
  sealer: Sealer | undefined;
  /** Seals fully signed documents: kicked by the last signature, and a sweep at start and every minute. */
  sealQueue: SealQueue;
}

const english = translator('en');

/** The seal, checked before the server listens: a file that does not open or cannot seal stops the start (exit 2). */
async function sealerOf(file: string | undefined): Promise<Sealer | undefined> {
  if (!file) return undefined;
  try {
    return await loadSealer(file);
  } catch (error) {
    if (error instanceof AppError) throw new ConfigError(`--seal-p12 ${file}: ${english(error.messageKey, { path: file, ...error.details })}`);
    throw error;
  }
}

/** out/renderer beside out/main, where this program is built to (the portal is one of its pages). */
const builtRenderer = () => path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../renderer');

/**
 * The repository's resources/ (the certificate's fonts), two folders up from out/main/signet-server.js as from
 * src-server/cli/ when run from source: where the desktop's web host and CLI find them too.
 */
const resourcesDir = () => path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../resources');

/** The built seal thread beside this file (out/main/seal-worker.js); run from source there is none, and sealing stays on this thread. */
function sealThreadOf(p12File: string): SealThread | undefined {
  const workerFile = path.join(path.dirname(fileURLToPath(import.meta.url)), 'seal-worker.js');
  return fs.existsSync(workerFile) ? startSealThread(workerFile, { p12File: path.resolve(p12File), resourcesDir: resourcesDir() }) : undefined;
}

/** A server that can seal must be able to compose: its fonts are checked at start, not at the first seal. */
function checkFonts(dir: string): void {
  try {
    loadFonts(dir);
  } catch (error) {
    throw new ConfigError(`--seal-p12: the certificate's fonts are missing from ${path.join(dir, 'fonts')} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

/** The update feed's folder must be one at start: a typo would otherwise be every desktop's failed update check. */
function checkUpdatesDir(dir: string | undefined): void {
  if (dir && !fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new ConfigError(`--updates: ${dir} is not a folder`);
}

/** Opens the store in the data folder, builds the app and listens. */
export async function startServer(config: Extract<Command, { kind: 'serve' }>, version: string): Promise<RunningServer> {
  // Read before the store opens: a wrong path stops the start with the file's name, not later on the first check.
  const anchors = serverTrustAnchors({ companyCas: config.trustCaFiles.flatMap(readCaFile) });
  checkUpdatesDir(config.updatesDir);
  const store = await openServerStore(config.dataDir, { databaseUrl: databaseUrlOf() });
  let app: FastifyInstance;
  let started: ServerOutbox | undefined;
  let sweep: { stop(): Promise<void> } | undefined;
  let sealQueue: SealQueue | undefined;
  let removal: { stop(): Promise<void> } | undefined;
  let sealThread: SealThread | undefined;
  let automation: AutomationWorker | undefined;
  try {
    const serverId = await ensureServerId(store.db);
    if (config.name) await writeServerSetting(store.db, 'server.name', config.name);
    const serverName = (await readServerSetting(store.db, 'server.name')) ?? undefined;
    const delivery = loadServerDelivery(config.dataDir);
    const sealer = await sealerOf(config.sealP12);
    if (sealer) checkFonts(resourcesDir());
    app = await buildServer({
      store,
      version,
      serverId,
      serverName,
      trustProxy: config.trustProxy,
      trustAnchors: () => anchors,
      portalRoot: builtRenderer(),
      updatesDir: config.updatesDir,
      publicUrl: () => config.publicUrl,
      // The outbox exists before the server listens, so before any publish can ask for it.
      linkOutbox: async (trx, message) => void (await started!.enqueue(message, trx)),
      codeOutbox: async (trx, message) => void (await started!.enqueue(message, trx)),
      accountOutbox: async (trx, message) => void (await started!.enqueue(message, trx)),
      // The queue starts right after; a signature cannot land before the server listens.
      onAllSigned: (publishedId) => sealQueue?.kick(publishedId),
    });
    const outbox = (started = createServerOutbox({ store, dataDir: config.dataDir, delivery, log: logOf(app.log) }));
    const stopList = createStopList((name, error) => app.log.error({ err: error, step: name }, 'stopping: a step failed'));
    // HTTP first (no new work arrives), then the outbox (a message being sent finishes or is left for recovery), the store last.
    stopList.add('http', () => app.close());
    // After HTTP (no new signature), before the store: a seal in progress commits, with its e-mails in the outbox table.
    const files = serverFilesOf(store);
    const thread = (sealThread = sealer && config.sealP12 ? sealThreadOf(config.sealP12) : undefined);
    const queue = (sealQueue = startSealQueue({ db: store.db, files, now: () => new Date(), sealer, resourcesDir: resourcesDir(), composeAndSeal: thread?.run, outbox: async (trx, message) => void (await outbox.enqueue(message, trx)), log: logOf(app.log) }));
    stopList.add('seal queue', () => queue.stop());
    // After the seal queue (a seal's feed entry may schedule a job), before the outbox its mail goes through.
    const jobs = (automation = createServerAutomation({ store, files: files.files, log: logOf(app.log), enqueue: (message, trx) => outbox.enqueue(message, trx) }));
    stopList.add('automation', () => jobs.stop());
    if (thread) stopList.add('seal thread', () => thread.stop());
    stopList.add('outbox', () => outbox.stop());
    // At start and daily: uploads given up for a day go (upload-sweep.ts), and an older server's part files at once.
    await removeLegacyPartFiles(config.dataDir);
    const uploadSweep = (sweep = startUploadSweep({ db: store.db, now: () => new Date(), log: logOf(app.log) }));
    stopList.add('upload sweep', () => uploadSweep.stop());
    // At start and daily: sealed files 14 days old that their desktop has (or 30 days old) leave the portal.
    const sealedRemoval = (removal = startSealedRemoval({ db: store.db, files, now: () => new Date(), log: logOf(app.log) }));
    stopList.add('sealed removal', () => sealedRemoval.stop());
    stopList.add('store', () => store.close());
    await outbox.start();
    await jobs.recover();
    jobs.start();
    const address = await app.listen({ port: config.port, host: config.host });
    app.log.info(
      { address, dataDir: config.dataDir, store: store.dialect, publicUrl: config.publicUrl ?? null, serverId, version, smtp: delivery.mail !== null, sms: delivery.sms.config.provider, seal: sealer?.certificate.subject ?? null, sealThread: thread !== undefined },
      'company server started',
    );
    if (!sealer) app.log.warn('no --seal-p12: this server cannot seal documents');
    return { app, address, stopList, outbox, sealer, sealQueue: queue };
  } catch (error) {
    await automation?.stop();
    await sealQueue?.stop();
    await sealThread?.stop();
    await started?.stop();
    await sweep?.stop();
    await removal?.stop();
    await store.close();
    throw error;
  }
}
