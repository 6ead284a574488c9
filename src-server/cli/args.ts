import path from 'node:path';
import { parseArgs } from 'node:util';
import type { FastifyServerOptions } from 'fastify';
import { normalizeServerUrl, serverUrlProblem } from '../../src-shared/company-server/server-url';
import { translator } from '../../src-shared/i18n/translate';

export const usage = `Usage:
  signet-server [serve] --data DIR [--port N] [--host ADDRESS] [--public-url URL] [--trust-proxy VALUE] [--name NAME]
                        [--trust-ca FILE.pem ...] [--seal-p12 FILE] [--updates DIR]
  signet-server pair --data DIR               print a one-time pairing code (valid 10 minutes, shown once)
  signet-server pair --data DIR --list        list the paired desktops
  signet-server pair --data DIR --revoke ID   unlink a desktop: its token stops working at once

  --data DIR          the server's data folder (its SQLite store); created if missing
  --port N            0-65535, default 8080 (0: any free port)
  --host ADDRESS      the address to listen on, default 127.0.0.1 (a reverse proxy on this machine in front)
  --public-url URL    the address people and desktops reach the server at: https://..., or http:// only for
                      127.0.0.1, ::1 or localhost
  --trust-proxy VALUE believe X-Forwarded-For/-Proto from: true (any), a number of hops, or addresses/CIDRs
                      separated by commas; default: no one
  --name NAME         the company name the server tells desktops when they pair
  --trust-ca FILE.pem the company CA certificate(s): the public verification page (/verify) calls a PDF sealed
                      under them valid; may be given more than once
  --seal-p12 FILE     the server's seal (exported on the desktop: Settings > Company server); its password
                      from the environment variable SIGNET_SEAL_P12_PASSWORD, never from the command line
  --updates DIR       the desktops' update feed: a folder holding a release's latest*.yml and installers, served
                      at /updates/ (point the desktops' policy updates.feedUrl at https://.../updates)

  E-mail and SMS: DIR/server.json, secrets from the environment (see the README, "Company server").
`;

export type Command =
  | { kind: 'help' }
  | {
      kind: 'serve';
      dataDir: string;
      port: number;
      host: string;
      publicUrl: string | undefined;
      trustProxy: FastifyServerOptions['trustProxy'];
      name: string | undefined;
      /** PEM (or DER) files of the company CA, resolved; checked when the server starts. */
      trustCaFiles: string[];
      /** The PKCS#12 the server seals with, resolved; its password comes from SIGNET_SEAL_P12_PASSWORD. */
      sealP12: string | undefined;
      /** The update feed's folder, resolved; served at /updates/. */
      updatesDir: string | undefined;
    }
  | { kind: 'pair'; dataDir: string; action: { list: true } | { revoke: string } | { create: true } };

/** A command line that cannot be run; the message says which argument and why. */
export class UsageError extends Error {
  override name = 'UsageError';
}

const english = translator('en');

/** `argv` without the program: the first word may name the command (`serve` when it does not). */
export function parseCommand(argv: readonly string[]): Command {
  const [first, ...rest] = argv;
  if (first === 'help' || first === '--help' || first === '-h') return { kind: 'help' };
  if (first === 'pair') return parsePair(rest);
  return parseServe(first === 'serve' ? rest : argv);
}

/** node:util's own refusals (an unknown option, a missing value) as usage errors. */
function parsing<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function dataDirOf(value: string | undefined): string {
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError('--data DIR is required: the folder where the server keeps its data');
  return path.resolve(value);
}

/**
 * A password typed on the command line is visible to every user of the machine (`ps`) and stays in the shell's
 * history: refused by name before anything else, and never repeated back.
 */
function refusePasswordArguments(args: readonly string[]): void {
  const given = args.find((a) => /^--(seal-)?(p12-)?pass(word)?(=|$)/.test(a));
  if (given) {
    const name = given.split('=')[0];
    throw new UsageError(`${name} is not accepted: a password on the command line is visible to other users (ps) and kept in the shell's history. Put the seal's password in the environment variable SIGNET_SEAL_P12_PASSWORD instead`);
  }
}

function parseServe(args: readonly string[]): Command {
  refusePasswordArguments(args);
  const { values } = parsing(() =>
    parseArgs({
      args: [...args],
      strict: true,
      options: {
        data: { type: 'string' },
        port: { type: 'string', default: '8080' },
        host: { type: 'string', default: '127.0.0.1' },
        'public-url': { type: 'string' },
        'trust-proxy': { type: 'string' },
        name: { type: 'string' },
        'trust-ca': { type: 'string', multiple: true },
        'seal-p12': { type: 'string' },
        updates: { type: 'string' },
      },
    }),
  );
  const dataDir = dataDirOf(values.data);
  const portText = String(values.port);
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
  if (!(port >= 0 && port <= 65535)) throw new UsageError(`--port must be a whole number from 0 to 65535, not "${portText}"`);
  const host = String(values.host).trim();
  if (!host) throw new UsageError('--host must name an address to listen on, e.g. 127.0.0.1 or 0.0.0.0');
  const name = typeof values.name === 'string' ? values.name.trim() || undefined : undefined;
  if (name && name.length > 200) throw new UsageError('--name is too long (at most 200 characters)');
  const trustCaFiles = (values['trust-ca'] ?? []).map((file) => {
    if (!file.trim()) throw new UsageError('--trust-ca needs the path of a PEM file');
    return path.resolve(file);
  });
  const sealP12 = typeof values['seal-p12'] === 'string' ? values['seal-p12'].trim() : undefined;
  if (sealP12 === '') throw new UsageError('--seal-p12 needs the path of the PKCS#12 file');
  const updatesDir = typeof values.updates === 'string' ? values.updates.trim() : undefined;
  if (updatesDir === '') throw new UsageError('--updates needs the path of the folder holding the update feed');
  return {
    kind: 'serve',
    dataDir,
    port,
    host,
    publicUrl: publicUrlOf(values['public-url']),
    trustProxy: trustProxyOf(values['trust-proxy']),
    name,
    trustCaFiles,
    sealP12: sealP12 === undefined ? undefined : path.resolve(sealP12),
    updatesDir: updatesDir === undefined ? undefined : path.resolve(updatesDir),
  };
}

function publicUrlOf(value: string | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  const problem = serverUrlProblem(value.trim());
  if (problem) throw new UsageError(`--public-url "${value}": ${english(problem)}`);
  return normalizeServerUrl(value.trim());
}

function trustProxyOf(value: string | undefined): FastifyServerOptions['trustProxy'] {
  if (typeof value !== 'string') return false;
  const text = value.trim();
  if (text === 'true') return true;
  if (text === 'false' || text === '') return false;
  if (/^\d+$/.test(text)) {
    // The nth hop from this server, counted as proxy-addr counts them (its number form, which Fastify's types omit).
    const hops = Number(text);
    return (_address: string, hop: number) => hop < hops;
  }
  const entries = text.split(',').map((s) => s.trim());
  if (entries.some((e) => !/^[0-9A-Fa-f.:]+(\/\d{1,3})?$/.test(e))) throw new UsageError(`--trust-proxy must be true, a number of hops, or addresses/CIDRs separated by commas, not "${value}"`);
  return entries;
}

function parsePair(args: readonly string[]): Command {
  const { values } = parsing(() => parseArgs({ args: [...args], strict: true, options: { data: { type: 'string' }, list: { type: 'boolean', default: false }, revoke: { type: 'string' } } }));
  const dataDir = dataDirOf(values.data);
  if (values.list && values.revoke !== undefined) throw new UsageError('pair: use --list or --revoke ID, not both');
  if (values.list) return { kind: 'pair', dataDir, action: { list: true } };
  if (typeof values.revoke === 'string') {
    if (!values.revoke.trim()) throw new UsageError('pair --revoke needs the ID of a device (see pair --list)');
    return { kind: 'pair', dataDir, action: { revoke: values.revoke.trim() } };
  }
  return { kind: 'pair', dataDir, action: { create: true } };
}
