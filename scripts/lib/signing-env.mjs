// Which signing credentials a platform's installers need, from the environment only (issue 10, item 1): why a build
// would be unsigned, or null when it will be signed.

/** @param {string} platform  @param {Record<string, string | undefined>} env  @returns {string | null} */
export function unsignedReason(platform, env) {
  if (platform === 'win32') {
    const pfx = env.WIN_CSC_LINK || env.CSC_LINK;
    const trusted = env.AZURE_TENANT_ID && env.AZURE_CLIENT_ID && env.AZURE_CLIENT_SECRET;
    return pfx || trusted ? null : 'no Windows signing certificate (WIN_CSC_LINK and WIN_CSC_KEY_PASSWORD) and no Azure Trusted Signing (AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET)';
  }
  if (platform === 'darwin') {
    const missing = ['CSC_LINK', 'APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER'].filter((name) => !env[name]);
    return missing.length ? `not signed and notarised for macOS: ${missing.join(', ')} not set` : null;
  }
  // Linux packages are not code-signed; their checksums are published beside them.
  return null;
}
