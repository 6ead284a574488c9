export type FuseName =
  | 'RunAsNode'
  | 'EnableCookieEncryption'
  | 'EnableNodeOptionsEnvironmentVariable'
  | 'EnableNodeCliInspectArguments'
  | 'EnableEmbeddedAsarIntegrityValidation'
  | 'OnlyLoadAppFromAsar'
  | 'LoadBrowserProcessSpecificV8Snapshot'
  | 'GrantFileProtocolExtraPrivileges'
  | 'WasmTrapHandlers';
export type Fuses = Readonly<Record<FuseName, boolean>>;

/** The part of electron-builder's AfterPackContext this step reads. */
export interface PackContext {
  appOutDir: string;
  electronPlatformName: string;
  arch: number;
  packager: { appInfo: { productFilename: string }; executableName?: string };
}

export const productionFuses: Fuses;
export const testBuildFuses: Fuses;
export function fusesFor(env: Record<string, string | undefined>): Fuses;
export function packagedBinary(context: PackContext): string;
/** Returns the fuses set: those the binary has. */
export function flipAppFuses(context: PackContext, env?: Record<string, string | undefined>): Promise<{ binary: string; fuses: Partial<Fuses> }>;
