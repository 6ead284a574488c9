import { spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pairResponseSchema } from '../../src-shared/company-server/api';
import { tempDir } from '../../src-main/test-support/temp-services';
import { waitFor } from '../../src-main/test-support/wait-for';
import { serverScript, spawnServer } from '../test-support/server-process';

/**
 * The built program (out/main/signet-server.js, as `npm run server` runs it) as a child process: SIGTERM while a request
 * is in flight lets that request finish, refuses new connections meanwhile, and exits 0. Needs `npm run build` first.
 */
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

const startServer = (dataDir: string) => spawnServer(['serve', '--data', dataDir, '--port', '0'], children);

function run(args: string[]) {
  return spawnSync(process.execPath, [serverScript, ...args], { encoding: 'utf8' });
}

function refusesConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

describe('signet-server', () => {
  it('on SIGTERM finishes the request in flight, takes no new connection, closes its store and exits 0', async () => {
    const dataDir = tempDir('signet-server-stop-');
    const server = startServer(dataDir);
    await waitFor(() => server.lines.some((l) => l.msg === 'company server started'), 'the server to start');
    const port = Number(new URL(server.lines.find((l) => l.msg === 'company server started')!.address!).port);
    const code = /Pairing code: (\S+)/.exec(run(['pair', '--data', dataDir]).stdout)![1]!;

    // A pairing request whose body is only half sent: the server has it (it logged it) but cannot answer yet.
    const body = JSON.stringify({ code, deviceName: 'Recepcja' });
    const socket = net.connect(port, '127.0.0.1');
    let response = '';
    socket.on('data', (d: Buffer) => (response += d.toString()));
    const closed = new Promise((resolve) => socket.once('close', resolve));
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(`POST /api/v1/pair HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`);
    socket.write(body.slice(0, 10));
    await waitFor(() => server.lines.some((l) => l.msg === 'incoming request' && l.req?.url === '/api/v1/pair'), 'the request to arrive');

    server.child.kill('SIGTERM');
    await waitFor(() => server.lines.some((l) => l.msg.startsWith('stopping')), 'the server to start stopping');
    for (let i = 0; i < 100 && !(await refusesConnections(port)); i++) await new Promise((r) => setTimeout(r, 20));
    expect(await refusesConnections(port)).toBe(true);
    expect(server.child.exitCode).toBeNull();

    socket.end(body.slice(10));
    await closed;
    expect(response).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    const paired = pairResponseSchema.parse(JSON.parse(response.slice(response.indexOf('\r\n\r\n') + 4)));
    expect(await server.exited).toBe(0);
    expect(server.lines.find((l) => l.msg === 'stopped')).toMatchObject({ failed: [] });
    expect(server.stderr()).toBe('');

    // What it answered was committed: the device is there, and the store was closed cleanly (no WAL left over).
    expect(run(['pair', '--data', dataDir, '--list']).stdout).toContain(`${paired.deviceId}  active`);
    expect(fs.existsSync(path.join(dataDir, 'signet-server.sqlite-wal'))).toBe(false);
  }, 60_000);

  it('exits 2 with the reason and the usage for a bad command line', () => {
    const noData = run(['serve']);
    expect(noData.status).toBe(2);
    expect(noData.stderr).toMatch(/^signet-server: --data DIR is required/);
    expect(noData.stderr).toContain('Usage:');
    const badPort = run(['--data', tempDir('signet-server-args-'), '--port', '70000']);
    expect(badPort.status).toBe(2);
    expect(badPort.stderr).toContain('--port must be a whole number from 0 to 65535, not "70000"');
    const notHttps = run(['--data', tempDir('signet-server-args-'), '--public-url', 'http://sign.example.com']);
    expect(notHttps.status).toBe(2);
    expect(notHttps.stderr).toContain('Use https://');
  });
});
