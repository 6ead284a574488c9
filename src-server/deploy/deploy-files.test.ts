import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCommand, usage } from '../cli/args';
import { serverSecretEnv } from '../config/server-config';
import { sealPasswordEnv } from '../seal/sealer';
import { serverScript } from '../test-support/server-process';

/*
 * No Docker engine or systemd runs here, so the deployment files are kept honest against the code instead: they start
 * the program the tests start, with flags the server's own parser takes, and the README's table names exactly the
 * variables the server reads and the flags it parses.
 */

const root = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');
/** The built program as server-process.ts runs it (node SCRIPT ARGS…), relative to the checkout. */
const script = path.relative(root, serverScript).split(path.sep).join('/');

/** SIGTERM's drain in src-server/main.ts (not importable: importing it starts the server). */
function drainSeconds(): number {
  const found = /const stopGraceMs = ([\d_]+);/.exec(read('src-server/main.ts'));
  expect(found, 'stopGraceMs in src-server/main.ts').not.toBeNull();
  return Number(found![1]!.replaceAll('_', '')) / 1000;
}

/** `node out/main/signet-server.js serve …` → the parsed serve command, after checking the program is the tests' one. */
function serveCommandOf(argv: string[], node = 'node') {
  expect(argv[0]).toBe(node);
  expect(argv[1]!.endsWith(script)).toBe(true);
  const command = parseCommand(argv.slice(2));
  if (command.kind !== 'serve') throw new Error(`not a serve command: ${argv.join(' ')}`);
  return command;
}

function dockerfile() {
  const text = read('Dockerfile');
  const finalStage = text.slice(text.lastIndexOf('\nFROM '));
  const instruction = (name: string) => [...finalStage.matchAll(new RegExp(`^${name} (.+)$`, 'gm'))].map((m) => m[1]!);
  return { text, finalStage, instruction };
}

function composeService(text: string, name: string): string {
  const start = text.indexOf(`\n  ${name}:\n`);
  expect(start, `service ${name} in docker-compose.yml`).toBeGreaterThan(-1);
  const rest = text.slice(start + 1);
  const end = rest.slice(1).search(/\n {2}\S|\n\S/);
  return end === -1 ? rest : rest.slice(0, end + 1);
}

function systemdUnit(): Map<string, string[]> {
  const keys = new Map<string, string[]>();
  for (const line of read('deploy/signet-server.service').split('\n')) {
    const m = /^([A-Za-z]+)=(.*)$/.exec(line);
    if (m) keys.set(m[1]!, [...(keys.get(m[1]!) ?? []), m[2]!]);
  }
  return keys;
}

/** The first cells of the README's "Flag or variable" table in the Company server section, each a list of `names`. */
function readmeTableNames(): string[] {
  const text = read('README.md');
  const section = text.slice(text.indexOf('\n## Company server\n'));
  const body = section.slice(0, section.indexOf('\n## ', 1));
  const header = body.indexOf('\n| Flag or variable |');
  expect(header, 'the table of flags and variables').toBeGreaterThan(-1);
  const rows = body.slice(header + 1).split('\n');
  const table = rows.slice(2, rows.findIndex((r, i) => i > 0 && !r.startsWith('|')));
  return table.flatMap((row) => [...row.split('|')[1]!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!));
}

/** Every environment variable src-server's own code reads (tests, test support and benches aside). */
function variablesTheServerReads(): Set<string> {
  const found = new Set<string>();
  const files = fs.readdirSync(path.join(root, 'src-server'), { recursive: true, encoding: 'utf8' });
  for (const file of files) {
    if (!file.endsWith('.ts') || /\.(test|bench)\.ts$/.test(file) || /^(test-support|bench)[\\/]/.test(file)) continue;
    const text = fs.readFileSync(path.join(root, 'src-server', file), 'utf8');
    for (const pattern of [/process\.env\.([A-Z][A-Z0-9_]*)/g, /\benv\.([A-Z][A-Z0-9_]*)/g, /\benv\[['"]([A-Z][A-Z0-9_]*)['"]\]/g, /['"]((?:SIGNET|DATABASE)_[A-Z0-9_]+)['"]/g]) {
      for (const m of text.matchAll(pattern)) found.add(m[1]!);
    }
  }
  return found;
}

/** A value for each serve flag, to prove the parser takes it. */
const sampleValues: Record<string, string> = {
  '--data': '/var/lib/signet',
  '--port': '8081',
  '--host': '0.0.0.0',
  '--public-url': 'https://sign.example.com',
  '--trust-proxy': '127.0.0.1',
  '--name': 'Zakłady Łódzkie',
  '--trust-ca': 'company-ca.pem',
  '--seal-p12': 'seal.p12',
  '--updates': '/srv/signet-updates',
};

describe('the Dockerfile', () => {
  it('runs the program the tests run, with flags the server parses, as a non-root user on the data volume', () => {
    const { text, finalStage, instruction } = dockerfile();
    expect(text).toMatch(/^FROM node:22-bookworm-slim AS build$/m);
    expect(finalStage).toMatch(/^FROM node:22-bookworm-slim$/m);
    expect(text.indexOf('ENV ELECTRON_SKIP_BINARY_DOWNLOAD=1')).toBeGreaterThan(-1);
    expect(text.indexOf('ENV ELECTRON_SKIP_BINARY_DOWNLOAD=1')).toBeLessThan(text.indexOf('RUN npm ci'));
    expect(text).toMatch(/^RUN npx electron-vite build/m);
    expect(instruction('ENTRYPOINT')).toEqual([]);

    const cmd = instruction('CMD');
    expect(cmd).toHaveLength(1);
    const command = serveCommandOf(JSON.parse(cmd[0]!) as string[]);
    expect(command.host).toBe('0.0.0.0');
    expect(instruction('VOLUME')).toEqual([command.dataDir]);
    expect(instruction('EXPOSE')).toEqual([String(command.port)]);
    const user = instruction('USER');
    expect(user).toHaveLength(1);
    expect(user[0]).not.toMatch(/^(root|0)(:|$)/);
    expect(finalStage).toMatch(new RegExp(`HEALTHCHECK [^\\n]*\\\\\\n\\s+CMD .*http://127\\.0\\.0\\.1:${command.port}/healthz`));
    expect(instruction('STOPSIGNAL')).toEqual(['SIGTERM']);
  });
});

describe('docker-compose.yml', () => {
  const text = read('docker-compose.yml');
  const server = composeService(text, 'server');
  const postgres = composeService(text, 'postgres');

  it('runs the Dockerfile command with the address desktops reach, its data on a named volume', () => {
    const composed = JSON.parse(/^ {4}command: (\[.*\])$/m.exec(server)![1]!) as string[];
    const image = JSON.parse(dockerfile().instruction('CMD')[0]!) as string[];
    expect(composed.slice(0, image.length)).toEqual(image);
    const command = serveCommandOf(composed);
    expect(command.publicUrl).toBeDefined();
    expect(server).toMatch(new RegExp(`^ {6}- server-data:${command.dataDir}$`, 'm'));
    expect(text).toMatch(/^volumes:\n(?: {2}\S+:\n)*? {2}server-data:$/m);
    expect(server).toMatch(new RegExp(`- "127\\.0\\.0\\.1:${command.port}:${command.port}"`));
  });

  it('points DATABASE_URL at its PostgreSQL 15 service, whose data is a named volume', () => {
    expect(postgres).toMatch(/^ {4}image: postgres:15$/m);
    expect(postgres).toMatch(/^ {6}- postgres-data:\/var\/lib\/postgresql\/data$/m);
    const url = /^ {6}DATABASE_URL: (\S+)$/m.exec(server)?.[1];
    expect(url).toBeDefined();
    const user = /^ {6}POSTGRES_USER: (\S+)$/m.exec(postgres)![1];
    const db = /^ {6}POSTGRES_DB: (\S+)$/m.exec(postgres)![1];
    expect(url).toBe(`postgres://${user}:\${POSTGRES_PASSWORD}@postgres:5432/${db}`);
    expect(server).toMatch(/condition: service_healthy/);
  });

  it('waits longer than the server drains before it kills', () => {
    expect(Number(/stop_grace_period: (\d+)s/.exec(server)![1])).toBeGreaterThan(drainSeconds());
  });
});

describe('the systemd unit', () => {
  const unit = systemdUnit();
  const one = (key: string) => {
    expect(unit.get(key), key).toHaveLength(1);
    return unit.get(key)![0]!;
  };

  it('starts the program the tests run, with flags the server parses, writing only its data folder', () => {
    const command = serveCommandOf(one('ExecStart').split(/\s+/), '/usr/bin/node');
    expect(one('ReadWritePaths')).toBe(command.dataDir);
    expect(one('WorkingDirectory')).toBe(one('ExecStart').split(/\s+/)[1]!.slice(0, -`/${script}`.length));
    expect(command.publicUrl).toMatch(/^https:\/\//);
  });

  it('runs as signet with its secrets from /etc/signet/server.env, hardened, restarted on failure, stopped by SIGTERM after the drain', () => {
    const wanted = { User: 'signet', EnvironmentFile: '/etc/signet/server.env', ProtectSystem: 'strict', NoNewPrivileges: 'yes', PrivateTmp: 'yes', Restart: 'on-failure', KillSignal: 'SIGTERM' };
    expect(Object.fromEntries(Object.keys(wanted).map((key) => [key, one(key)]))).toEqual(wanted);
    expect(Number(one('TimeoutStopSec'))).toBeGreaterThan(drainSeconds());
  });
});

describe("the README's table of flags and variables", () => {
  const names = readmeTableNames();
  const variables = names.filter((n) => /^[A-Z][A-Z0-9_]*$/.test(n));
  const flags = names.flatMap((n) => n.match(/--[a-z0-9-]+/g) ?? []);

  it('lists exactly the environment variables the server reads', () => {
    const read = variablesTheServerReads();
    for (const name of [...Object.values(serverSecretEnv), sealPasswordEnv]) expect(read).toContain(name);
    // The PostgreSQL backend (issue 7, item 3) is being built beside this: the README and compose give its variable
    // already; once the server reads it this union changes nothing.
    expect(new Set(variables)).toEqual(new Set([...read, 'DATABASE_URL']));
    expect(variables).toHaveLength(new Set(variables).size);
  });

  it('lists exactly the flags of the usage text, and the parser takes each serve flag', () => {
    expect(new Set(flags)).toEqual(new Set(usage.match(/--[a-z0-9-]+/g)));
    for (const flag of flags.filter((f) => f !== '--list' && f !== '--revoke')) {
      expect(sampleValues[flag], `a sample value for ${flag}`).toBeDefined();
      expect(() => parseCommand(['serve', '--data', sampleValues['--data']!, ...(flag === '--data' ? [] : [flag, sampleValues[flag]!])])).not.toThrow();
    }
    expect(parseCommand(['pair', '--data', '/d', '--list'])).toMatchObject({ kind: 'pair', action: { list: true } });
    expect(parseCommand(['pair', '--data', '/d', '--revoke', 'X'])).toMatchObject({ kind: 'pair', action: { revoke: 'X' } });
  });

  it('lists every variable the deployment files set for the server', () => {
    const composed = [...composeService(read('docker-compose.yml'), 'server').matchAll(/^ {6}([A-Z][A-Z0-9_]*):/gm)].map((m) => m[1]!);
    expect(composed.length).toBeGreaterThan(0);
    for (const name of composed) expect(variables).toContain(name);
  });
});
