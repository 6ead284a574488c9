import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCommand, UsageError } from './args';

const refusal = (argv: string[]) => {
  try {
    parseCommand(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`accepted: ${argv.join(' ')}`);
};

describe('the server command line', () => {
  it('serves by default, on 127.0.0.1:8080, trusting no proxy', () => {
    expect(parseCommand(['--data', 'srv'])).toEqual({ kind: 'serve', dataDir: path.resolve('srv'), port: 8080, host: '127.0.0.1', publicUrl: undefined, trustProxy: false, name: undefined, trustCaFiles: [], sealP12: undefined, updatesDir: undefined });
    expect(parseCommand(['serve', '--data', '/d', '--port', '0', '--host', '0.0.0.0', '--public-url', 'https://Sign.Example.com/', '--name', ' Zakłady Łódzkie '])).toMatchObject({
      port: 0,
      host: '0.0.0.0',
      publicUrl: 'https://sign.example.com',
      name: 'Zakłady Łódzkie',
    });
  });

  it('takes the company CA files for the public verification, any number of them, as absolute paths', () => {
    expect(parseCommand(['--data', '/d', '--trust-ca', 'ca.pem', '--trust-ca', '/etc/signet/old-ca.pem'])).toMatchObject({
      trustCaFiles: [path.resolve('ca.pem'), '/etc/signet/old-ca.pem'],
    });
    expect(refusal(['--data', '/d', '--trust-ca', ' '])).toMatch(/--trust-ca needs the path of a PEM file/);
  });

  it('takes the reverse proxy to trust as true, a number of hops, or addresses', () => {
    expect(parseCommand(['--data', '/d', '--trust-proxy', 'true'])).toMatchObject({ trustProxy: true });
    expect(parseCommand(['--data', '/d', '--trust-proxy', '127.0.0.1, 10.0.0.0/8'])).toMatchObject({ trustProxy: ['127.0.0.1', '10.0.0.0/8'] });
    const hops = parseCommand(['--data', '/d', '--trust-proxy', '1']);
    const trust = (hops as { trustProxy: (a: string, hop: number) => boolean }).trustProxy;
    expect([trust('10.0.0.1', 0), trust('10.0.0.2', 1)]).toEqual([true, false]);
    expect(refusal(['--data', '/d', '--trust-proxy', 'my proxy'])).toMatch(/--trust-proxy must be/);
  });

  it('refuses a missing data folder, a bad port, an unknown option and a public URL that is not https', () => {
    expect(refusal([])).toMatch(/--data DIR is required/);
    expect(refusal(['pair'])).toMatch(/--data DIR is required/);
    for (const port of ['65536', '-1', '80a', '']) expect(refusal(['--data', '/d', `--port=${port}`])).toMatch(/--port must be a whole number from 0 to 65535/);
    expect(refusal(['--data', '/d', '--prot', '80'])).toMatch(/Unknown option '--prot'/);
    expect(refusal(['--data', '/d', '--public-url', 'http://sign.example.com'])).toMatch(/--public-url "http:\/\/sign.example.com": Use https:\/\/ \(plain http:\/\/ only for this computer/);
    expect(refusal(['--data', '/d', '--public-url', 'sign.example.com'])).toMatch(/Enter the server's address/);
    expect(refusal(['--data', '/d', '--public-url', 'https://sign.example.com/?x=1'])).toMatch(/no user name, password, \? or # part/);
    // Plain http is fine on loopback (a test, a server and desktop on one machine).
    expect(parseCommand(['--data', '/d', '--public-url', 'http://127.0.0.1:8080'])).toMatchObject({ publicUrl: 'http://127.0.0.1:8080' });
    expect(parseCommand(['--data', '/d', '--public-url', 'http://[::1]:8080'])).toMatchObject({ publicUrl: 'http://[::1]:8080' });
  });

  it('takes the seal as a file, and refuses its password on the command line without repeating it', () => {
    expect(parseCommand(['--data', '/d', '--seal-p12', 'seal.p12'])).toMatchObject({ sealP12: path.resolve('seal.p12') });
    expect(refusal(['--data', '/d', '--seal-p12', ' '])).toMatch(/--seal-p12 needs the path/);
    for (const argv of [['--seal-password', 'Tajne!Hasło'], ['--seal-password=Tajne!Hasło'], ['--password', 'Tajne!Hasło'], ['--seal-p12-password=Tajne!Hasło']]) {
      const message = refusal(['--data', '/d', '--seal-p12', 'seal.p12', ...argv]);
      expect(message).toMatch(/is not accepted: a password on the command line is visible to other users/);
      expect(message).toContain('SIGNET_SEAL_P12_PASSWORD');
      expect(message).not.toContain('Tajne');
    }
  });

  it('pairs, lists or revokes', () => {
    expect(parseCommand(['pair', '--data', '/d'])).toEqual({ kind: 'pair', dataDir: '/d', action: { create: true } });
    expect(parseCommand(['pair', '--data', '/d', '--list'])).toEqual({ kind: 'pair', dataDir: '/d', action: { list: true } });
    expect(parseCommand(['pair', '--data', '/d', '--revoke', 'abc'])).toEqual({ kind: 'pair', dataDir: '/d', action: { revoke: 'abc' } });
    expect(refusal(['pair', '--data', '/d', '--list', '--revoke', 'abc'])).toMatch(/not both/);
    expect(refusal(['pair', '--data', '/d', '--port', '1'])).toMatch(/Unknown option '--port'/);
    expect(parseCommand(['--help'])).toEqual({ kind: 'help' });
  });
});
