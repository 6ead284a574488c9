/**
 * `npm run web`: the browser host. The same services as the desktop app under plain Node, the UI in any browser.
 * Usage: node out/main/web-host.js [--data DIR] [--port N] [--demo [--demo-documents N]] [--policy FILE] [--sync-interval-ms N] [--open FILE.pdf]
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startServices } from '../app/bootstrap';
import { createLog } from '../app/log';
import { packageVersion } from '../app/package-version';
import { describeStartError } from '../app/start-error';
import { defaultDataDir } from '../app/paths';
import { AppError } from '../../src-shared/contract/errors';
import { loadPolicyFrom, thisMachine } from '../policy/load-policy';
import { openedFiles } from '../services/pdf/opened-files';
import { startWebHost } from './web-host';

const log = createLog();
const here = path.dirname(fileURLToPath(import.meta.url));

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      port: { type: 'string', default: '0' },
      demo: { type: 'boolean', default: false },
      'demo-documents': { type: 'string' },
      // A managed policy file to run with in place of this machine's (issue 10): to try one before IT deploys it.
      policy: { type: 'string' },
      // How often sync with the company server runs by itself (5 s); a test that needs a desktop not to sync yet sets it long.
      'sync-interval-ms': { type: 'string' },
      // A PDF to check as if the OS had opened it with the app ("Open with Signet"): the window at #/verify/opened takes it.
      open: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write('Usage: npm run web -- [--data DIR] [--port N (0 = any free port)] [--demo [--demo-documents N]] [--policy FILE] [--sync-interval-ms N] [--open FILE.pdf]\n');
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a number from 0 to 65535, not "${values.port}"`);
  const dataDir = path.resolve(values.data ?? defaultDataDir());
  const rendererDir = path.resolve(here, '../renderer');
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) throw new Error(`the UI is not built (no ${rendererDir}/index.html): run npm run build`);

  const version = packageVersion(here);
  const resourcesDir = path.resolve(here, '../../resources');
  const demoDocuments = values['demo-documents'] === undefined ? 0 : Number(values['demo-documents']);
  if (!Number.isInteger(demoDocuments) || demoDocuments < 0 || demoDocuments > 1_000_000) throw new Error(`--demo-documents must be a whole number up to 1000000, not "${values['demo-documents']}"`);
  const syncIntervalMs = values['sync-interval-ms'] === undefined ? undefined : Number(values['sync-interval-ms']);
  if (syncIntervalMs !== undefined && !(Number.isInteger(syncIntervalMs) && syncIntervalMs >= 1000)) throw new Error(`--sync-interval-ms must be a whole number of milliseconds, at least 1000, not "${values['sync-interval-ms']}"`);
  const opened = openedFiles();
  if (values.open !== undefined) opened.push(path.resolve(values.open));
  const policy = values.policy === undefined ? undefined : loadPolicyFrom(path.resolve(values.policy), thisMachine().readFile, { required: true });
  const services = await startServices({ dataDir, appVersion: version, demo: values.demo || demoDocuments > 0, demoDocuments, log, resourcesDir, ...(policy ? { policy } : {}), ...(syncIntervalMs ? { sync: { intervalMs: syncIntervalMs } } : {}), openedFiles: opened });
  const host = await startWebHost({ dispatch: services.dispatch, rendererDir, port, log });
  log.info('browser host started', { dataDir, port: host.port });
  process.stdout.write(`Signet ${version} is running at ${host.url}\nData folder: ${dataDir}\nPress Ctrl+C to stop.\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('stopping', { signal });
    void host
      .close()
      .then(() => services.close())
      .then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof AppError) {
    log.error('cannot start', undefined, { code: error.code, messageKey: error.messageKey, details: error.details });
    process.stderr.write(`Signet cannot start: ${describeStartError(error)}\n`);
  } else {
    log.error('cannot start', error);
    process.stderr.write(`Signet cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exit(1);
});
