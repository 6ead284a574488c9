import path from 'node:path';
import { flipFuses, FuseV1Options, FuseVersion, getCurrentFuseWire } from '@electron/fuses';

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
 * Flips every fuse explicitly (strictlyRequireAllFuses: a fuse a newer Electron adds fails the build until it is
 * decided here) and reads the wire back, so a binary that did not take them fails the build rather than ships.
 * An unsigned arm64 macOS build needs its ad-hoc signature renewed after the binary changed.
 */
export async function flipAppFuses(context, env = process.env) {
  const fuses = fusesFor(env);
  const binary = packagedBinary(context);
  const wire = { version: FuseVersion.V1, strictlyRequireAllFuses: true };
  for (const [name, on] of Object.entries(fuses)) wire[FuseV1Options[name]] = on;
  const darwin = context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas';
  // electron-builder's Arch enum: arm64 is 3.
  if (darwin && context.arch === 3) wire.resetAdHocDarwinSignature = true;
  await flipFuses(binary, wire);
  const current = await getCurrentFuseWire(binary);
  const wrong = Object.entries(fuses).filter(([name, on]) => current[FuseV1Options[name]] !== (on ? 49 : 48));
  if (wrong.length > 0) throw new Error(`the fuses did not take in ${binary}: ${wrong.map(([name]) => name).join(', ')}`);
  return { binary, fuses };
}
