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
  return {
    dir,
    caPem: fs.readFileSync(path.join(dir, 'ca.pem'), 'utf8'),
    p12(options = {}) {
      const id = `leaf${++n}`;
      const ext = path.join(dir, `${id}.ext`);
      fs.writeFileSync(ext, `basicConstraints=critical,${options.basicConstraints ?? 'CA:FALSE'}\nkeyUsage=critical,${options.keyUsage ?? 'digitalSignature,nonRepudiation'}\n`);
      openssl(['req', '-utf8', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${id}.key`, '-out', `${id}.csr`, '-subj', options.subject ?? '/CN=Firma Testowa — pieczęć/O=Firma Testowa Sp. z o.o.'], dir);
      openssl(['x509', '-req', '-in', `${id}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${id}.pem`, '-days', String(options.days ?? 365), '-extfile', ext], dir);
      const password = options.password ?? 'hasło-1';
      openssl(['pkcs12', '-export', ...(options.legacy ? ['-legacy'] : []), '-inkey', `${id}.key`, '-in', `${id}.pem`, '-certfile', 'ca.pem', '-out', `${id}.p12`, '-passout', `pass:${password}`], dir);
      return fs.readFileSync(path.join(dir, `${id}.p12`));
    },
  };
}
