import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { has, run } from './run.mjs';

const pkgConfigHas = (module) => has('pkg-config') && spawnSync('pkg-config', ['--exists', module], { stdio: 'ignore' }).status === 0;

/** What the tests need from the operating system (Debian package names), and a file that proves each is there. */
export const systemPackages = [
  { pkg: 'chromium', check: () => fs.existsSync('/usr/bin/chromium'), why: 'the end-to-end tests drive the UI in Chromium' },
  { pkg: 'xvfb', check: () => has('xvfb-run'), why: 'a virtual display for the Electron spec where an Electron binary exists' },
  // keytar (the OS keychain) is compiled by `npm ci` when no prebuilt binary can be fetched: these must come first.
  { pkg: 'build-essential', check: () => has('g++') && has('make'), why: 'npm ci compiles the native module keytar (C++)' },
  { pkg: 'python3', check: () => has('python3'), why: 'node-gyp, which compiles keytar, runs on Python' },
  { pkg: 'libsecret-1-dev', check: () => pkgConfigHas('libsecret-1'), why: 'keytar compiles and links against libsecret (also brings pkg-config)' },
  // The keychain test talks to a real Secret Service: a private D-Bus session with GNOME Keyring (scripts/lib/keyring.mjs).
  { pkg: 'gnome-keyring', check: () => has('gnome-keyring-daemon'), why: 'the keychain test stores the seal key in a real GNOME Keyring' },
  {
    pkg: 'dbus-x11',
    check: () => has('dbus-run-session'),
    why: 'dbus-run-session (package dbus-daemon, which dbus-x11 pulls in; dbus-x11 also gives gnome-keyring its session bus without systemd) runs the tests in a private D-Bus session',
  },
  // The PDF interop tests ask independent validators whether our seals hold (and fail when tampered).
  { pkg: 'poppler-utils', check: () => has('pdfsig') && has('pdftotext') && has('pdfdetach'), why: 'pdfsig, pdftotext and pdfdetach check sealed PDFs' },
  { pkg: 'mupdf-tools', check: () => has('mutool'), why: 'mutool verifies seals and appends revisions the way another tool would' },
  { pkg: 'qpdf', check: () => has('qpdf'), why: 'qpdf turns test PDFs into object-stream, linearized and encrypted variants' },
  { pkg: 'ghostscript', check: () => has('gs'), why: 'Ghostscript rewrites the test PDFs as a PostScript-based producer would, for the import and seal corpus' },
  { pkg: 'libnss3-tools', check: () => has('certutil'), why: 'certutil makes pdfsig trust the test CA' },
  // The sync tests run the company server on a real PostgreSQL, started by the test from these binaries (initdb, pg_ctl).
  {
    pkg: 'postgresql',
    check: () => fs.existsSync('/usr/lib/postgresql') && fs.readdirSync('/usr/lib/postgresql').some((v) => fs.existsSync(`/usr/lib/postgresql/${v}/bin/initdb`)),
    why: 'the company server is tested on a real PostgreSQL (initdb and pg_ctl on a temporary folder)',
  },
  { pkg: 'openssl', check: () => has('openssl'), why: 'openssl cms checks each seal over its byte ranges' },
];

/** Installs missing packages with apt when running as root; otherwise stops with the exact command to run. */
export async function ensureSystemPackages() {
  const missing = systemPackages.filter((p) => !p.check());
  if (missing.length === 0) return;
  const names = missing.map((p) => p.pkg);
  const command = `apt-get update && apt-get install -y --no-install-recommends ${names.join(' ')}`;
  for (const p of missing) console.log(`missing system package ${p.pkg}: ${p.why}`);
  if (process.platform !== 'linux' || !has('apt-get')) {
    console.error(`Install these packages with your system's package manager: ${names.join(', ')}`);
    process.exit(1);
  }
  if (process.getuid?.() !== 0) {
    console.error(`Run this once as root, then npm test again:\n  sudo sh -c '${command}'`);
    process.exit(1);
  }
  console.log(`> ${command}`);
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  const code = (await run('apt-get', ['update', '-qq'], { env })) || (await run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...names], { env }));
  const still = missing.filter((p) => !p.check());
  if (code !== 0 || still.length > 0) {
    console.error(`could not install ${still.map((p) => p.pkg).join(', ') || names.join(', ')}; run: ${command}`);
    process.exit(1);
  }
}
