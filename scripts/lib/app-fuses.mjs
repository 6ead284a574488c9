import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { flipFuses, FuseV1Options, FuseVersion, getCurrentFuseWire } from '@electron/fuses';

// The marker before the wire in every Electron binary (@electron/fuses' constants, not exported by its main entry).
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

/*
 * Electron's fuses for the packaged app (issue 10, item 3), flipped in the packaged binary by electron-builder's
 * afterPack hook (scripts/after-pack.mjs), before it is signed. Production turns off every way to run the signed
 * binary as something else; the test build (SIGNET_TEST_BUILD=1) keeps only the inspector, which Playwright's
 * `_electron.launch` drives the app through.
 */

export const productionFuses = Object.freeze({
  // ELECTRON_RUN_AS_NODE would make the signed binary a Node interpreter for anyone.
  RunAsNode: false,
  // The session's cookies encrypted at rest with the OS's keychain.
  EnableCookieEncryption: true,
  // NODE_OPTIONS and --inspect would let a local user inject code into the signed app.
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  // The app's code only from the asar, checked against the hash electron-builder writes into the binary.
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  LoadBrowserProcessSpecificV8Snapshot: false,
  // file:// gets no more than a web page would: the app itself is served from app://signet.
  GrantFileProtocolExtraPrivileges: false,
  // Electron 41 and later: WebAssembly's out-of-bounds traps stay as Electron ships them.
  WasmTrapHandlers: true,
});

export const testBuildFuses = Object.freeze({ ...productionFuses, EnableNodeCliInspectArguments: true });

export function fusesFor(env) {
  return env.SIGNET_TEST_BUILD === '1' ? testBuildFuses : productionFuses;
}

/** The file whose fuse wire is flipped, from electron-builder's afterPack context (macOS: the app bundle). */
export function packagedBinary(context) {
  const name = context.packager.appInfo.productFilename;
  switch (context.electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(context.appOutDir, `${name}.app`);
    case 'win32':
      return path.join(context.appOutDir, `${name}.exe`);
    default:
      return path.join(context.appOutDir, context.packager.executableName ?? name.toLowerCase());
  }
}

/**
 * Fuses newer than the @electron/fuses in use names, by their place on the wire (Electron's fuses.json5). Electron
 * 41's ninth keeps WebAssembly's trap handlers, its default (off would cost speed for nothing this app needs).
 */
const laterFuses = { WasmTrapHandlers: 8 };
const placeOf = (name) => FuseV1Options[name] ?? laterFuses[name];
const [disabled, enabled] = [48, 49];

/** The file holding the wire: in a macOS bundle, the Electron framework (as @electron/fuses finds it). */
function wireFile(binary) {
  return binary.endsWith('.app') ? path.join(binary, 'Contents', 'Frameworks', 'Electron Framework.framework', 'Electron Framework') : binary;
}

/**
 * Sets every fuse the binary has and reads the wire back, so a binary that did not take them fails the build rather
 * than ships. A fuse this file has not decided (a newer Electron's) fails the build until it is. Fuses the library
 * does not know yet are written on the wire directly, before the library flips the rest and, for an unsigned arm64
 * macOS build, renews the ad-hoc signature the changed binary needs.
 */
export async function flipAppFuses(context, env = process.env) {
  const fuses = fusesFor(env);
  const binary = packagedBinary(context);
  const length = Object.keys(await getCurrentFuseWire(binary)).filter((key) => /^\d+$/.test(key)).length;
  const decided = new Set(Object.keys(fuses).map(placeOf));
  const undecided = Array.from({ length }, (_, place) => place).filter((place) => !decided.has(place));
  if (undecided.length > 0) throw new Error(`${binary} has fuses this build has not decided (wire places ${undecided.join(', ')}): decide them in scripts/lib/app-fuses.mjs`);
  const present = Object.entries(fuses).filter(([name]) => placeOf(name) < length);
  const later = present.filter(([name]) => FuseV1Options[name] === undefined);
  if (later.length > 0) {
    const file = wireFile(binary);
    const bytes = await readFile(file);
    for (let at = bytes.indexOf(SENTINEL); at !== -1; at = bytes.indexOf(SENTINEL, at + 1)) {
      for (const [name, on] of later) bytes[at + SENTINEL.length + 2 + placeOf(name)] = on ? enabled : disabled;
    }
    await writeFile(file, bytes);
  }
  const wire = { version: FuseVersion.V1 };
  for (const [name, on] of present) if (FuseV1Options[name] !== undefined) wire[FuseV1Options[name]] = on;
  const darwin = context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas';
  // electron-builder's Arch enum: arm64 is 3.
  if (darwin && context.arch === 3) wire.resetAdHocDarwinSignature = true;
  await flipFuses(binary, wire);
  const current = await getCurrentFuseWire(binary);
  const wrong = present.filter(([name, on]) => current[placeOf(name)] !== (on ? enabled : disabled));
  if (wrong.length > 0) throw new Error(`the fuses did not take in ${binary}: ${wrong.map(([name]) => name).join(', ')}`);
  return { binary, fuses: Object.fromEntries(present) };
}
