/** Why a platform's installers would be built unsigned with this environment, or null when they will be signed. */
export function unsignedReason(platform: string, env: Record<string, string | undefined>): string | null;
