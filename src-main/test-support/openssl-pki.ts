import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from './temp-services';

/**
 * Certificates and PKCS#12 files made by openssl, as a commercial CA or an IT department would hand them over: an
 * independent producer, so import is tested against files Signet did not write itself.
 */
export interface TestPki {
  dir: string;
  caPem: string;
  /** A seal certificate issued by the CA, packed with its key and the CA into a PKCS#12. */
  p12(options?: LeafOptions): Buffer;
  /** A TLS server certificate issued by the CA for loopback (127.0.0.1, ::1, localhost), with its key, as PEM. */
  tlsServer(): { keyPem: string; certPem: string };
}

export interface LeafOptions {
  subject?: string;
  password?: string;
  /** openssl's `-legacy`: 3DES and RC2 with SHA-1, as older Windows exports are. */
  legacy?: boolean;
  keyUsage?: string;
  /** Valid from now for this many days (openssl 3.0 cannot backdate; tests move the service clock instead). */
  days?: number;
  basicConstraints?: string;
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: 'pipe' });
}

export function makeTestPki(caSubject = '/CN=Test Commercial CA/O=Zaufane Centrum S.A.'): TestPki {
  const dir = tempDir('signet-pki-');
  openssl(['req', '-utf8', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-subj', caSubject, '-days', '3650', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], dir);
  let n = 0;
  /** A key and a certificate the CA issued with these extensions; returns the files' base name. */
  const issue = (subject: string, extensions: string, days: number) => {
    const id = `leaf${++n}`;
    fs.writeFileSync(path.join(dir, `${id}.ext`), extensions);
    openssl(['req', '-utf8', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${id}.key`, '-out', `${id}.csr`, '-subj', subject], dir);
    openssl(['x509', '-req', '-in', `${id}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${id}.pem`, '-days', String(days), '-extfile', `${id}.ext`], dir);
    return id;
  };
  return {
    dir,
    caPem: fs.readFileSync(path.join(dir, 'ca.pem'), 'utf8'),
    p12(options = {}) {
      const id = issue(
        options.subject ?? '/CN=Firma Testowa — pieczęć/O=Firma Testowa Sp. z o.o.',
        `basicConstraints=critical,${options.basicConstraints ?? 'CA:FALSE'}\nkeyUsage=critical,${options.keyUsage ?? 'digitalSignature,nonRepudiation'}\n`,
        options.days ?? 365,
      );
      const password = options.password ?? 'hasło-1';
      openssl(['pkcs12', '-export', ...(options.legacy ? ['-legacy'] : []), '-inkey', `${id}.key`, '-in', `${id}.pem`, '-certfile', 'ca.pem', '-out', `${id}.p12`, '-passout', `pass:${password}`], dir);
      return fs.readFileSync(path.join(dir, `${id}.p12`));
    },
    tlsServer() {
      const id = issue('/CN=localhost', 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1\n', 30);
      return { keyPem: fs.readFileSync(path.join(dir, `${id}.key`), 'utf8'), certPem: fs.readFileSync(path.join(dir, `${id}.pem`), 'utf8') };
    },
  };
}
