/**
 * `npm run server -- …`: the company server (issue 6). Built to out/main/signet-server.js.
 *   signet-server [serve] --data DIR [--port N] [--host ADDRESS] [--public-url URL] [--trust-proxy VALUE] [--name NAME] [--seal-p12 FILE]
 *   signet-server pair --data DIR [--list | --revoke ID]
 * Exit codes: 0 a clean stop (or a command done), 1 it could not start or stop cleanly, 2 a bad command line, server.json,
 * secret variable or seal.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageVersion } from '../src-main/app/package-version';
import { describeStartError } from '../src-main/app/start-error';
import { AppError } from '../src-shared/contract/errors';
import { parseCommand, usage, UsageError } from './cli/args';
import { ConfigError } from './config/config-error';
import { pairCommand } from './cli/pair-command';
import { startServer } from './cli/serve-command';

/** In-flight requests get this long to finish after SIGTERM before the process gives up on them. */
const stopGraceMs = 30_000;

async function main(argv: string[]): Promise<void> {
  const command = parseCommand(argv);
  if (command.kind === 'help') {
    process.stdout.write(usage);
    return;
  }
  if (command.kind === 'pair') {
    const result = await pairCommand(command.dataDir, command.action);
    process.stdout.write(result.stdout);
    process.stderr.write(result.stderr);
    process.exitCode = result.exitCode;
    return;
  }
  const version = packageVersion(path.dirname(fileURLToPath(import.meta.url)));
  const { app, stopList } = await startServer(command, version);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      app.log.warn({ signal }, 'second signal while stopping: exiting now');
      process.exit(1);
    }
    stopping = true;
    app.log.info({ signal }, 'stopping: no new connections, waiting for requests in flight');
    const timer = setTimeout(() => {
      app.log.error({ graceMs: stopGraceMs }, 'stopping: requests still running after the grace period, exiting');
      process.exit(1);
    }, stopGraceMs);
    timer.unref();
    void stopList.run().then((failed) => {
      clearTimeout(timer);
      app.log.info({ failed }, 'stopped');
      process.exit(failed.length === 0 ? 0 : 1);
    });
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    process.stderr.write(`signet-server: ${error.message}\n\n${usage}`);
    process.exit(2);
  }
  if (error instanceof ConfigError) {
    process.stderr.write(`signet-server cannot start: ${error.message}\n`);
    process.exit(2);
  }
  const reason = error instanceof AppError ? describeStartError(error) : error instanceof Error ? error.message : String(error);
  process.stderr.write(`signet-server cannot start: ${reason}\n`);
  process.exit(1);
});
