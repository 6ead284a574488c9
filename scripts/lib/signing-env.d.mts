/** electron-builder's command-line options for Azure Trusted Signing, when the environment holds all of it; else none. */
export function azureSignArgs(env: Record<string, string | undefined>): string[];
/** Why a platform's installers would be built unsigned with this environment, or null when they will be signed. */
export function unsignedReason(platform: string, env: Record<string, string | undefined>): string | null;
