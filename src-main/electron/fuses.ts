/*
 * Electron's fuses for the packaged app (issue 10, item 3), flipped in the binary at packaging time (the release
 * workflow's afterPack step, with @electron/fuses, whose FuseV1Options these names are). Production turns off every
 * way to run the binary as something else; the test build keeps only the inspector, which Playwright's
 * `_electron.launch` needs to drive the app.
 */

export type FuseName =
  | 'RunAsNode'
  | 'EnableCookieEncryption'
  | 'EnableNodeOptionsEnvironmentVariable'
  | 'EnableNodeCliInspectArguments'
  | 'EnableEmbeddedAsarIntegrityValidation'
  | 'OnlyLoadAppFromAsar'
  | 'LoadBrowserProcessSpecificV8Snapshot'
  | 'GrantFileProtocolExtraPrivileges';

export const productionFuses: Readonly<Record<FuseName, boolean>> = {
  // ELECTRON_RUN_AS_NODE would make the signed binary a Node interpreter for anyone.
  RunAsNode: false,
  // The session's cookies encrypted at rest with the OS's keychain.
  EnableCookieEncryption: true,
  // NODE_OPTIONS and --inspect would let a local user inject code into the signed app.
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  // The app's code only from the asar, checked against the hash signed into the binary.
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  LoadBrowserProcessSpecificV8Snapshot: false,
  // file:// gets no more than a web page would: the app itself is served from app://signet.
  GrantFileProtocolExtraPrivileges: false,
};

/** The build Playwright's Electron specs run: production's fuses but the inspector, which they drive the app through. */
export const testBuildFuses: Readonly<Record<FuseName, boolean>> = { ...productionFuses, EnableNodeCliInspectArguments: true };
