// Which signing credentials a platform's installers need, from the environment only (issue 10, item 1): why a build
// would be unsigned, or null when it will be signed.

/** Azure Trusted Signing: the service principal's credentials, and which account and profile sign for which publisher. */
const azureCredentials = ['AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'AZURE_CLIENT_SECRET'];
const azureOptions = {
  endpoint: 'AZURE_TRUSTED_SIGNING_ENDPOINT',
  codeSigningAccountName: 'AZURE_CODE_SIGNING_ACCOUNT',
  certificateProfileName: 'AZURE_CERTIFICATE_PROFILE',
  publisherName: 'AZURE_PUBLISHER_NAME',
};
const azureNames = [...azureCredentials, ...Object.values(azureOptions)];

/**
 * electron-builder's options for Azure Trusted Signing when the environment has all of it, else none: electron-builder
 * signs with Azure only when win.azureSignOptions is set, and the credentials alone would build unsigned.
 * @param {Record<string, string | undefined>} env  @returns {string[]}
 */
export function azureSignArgs(env) {
  if (azureNames.some((name) => !env[name])) return [];
  return Object.entries(azureOptions).map(([option, name]) => `-c.win.azureSignOptions.${option}=${env[name]}`);
}

/** @param {string} platform  @param {Record<string, string | undefined>} env  @returns {string | null} */
export function unsignedReason(platform, env) {
  if (platform === 'win32') {
    // Only WIN_CSC_LINK: CSC_LINK is macOS's Developer ID on the same workflow, never used for Windows (dist.mjs).
    const pfx = env.WIN_CSC_LINK;
    return pfx || azureSignArgs(env).length ? null : `no Windows signing certificate (WIN_CSC_LINK and WIN_CSC_KEY_PASSWORD) and no Azure Trusted Signing (${azureNames.join(', ')})`;
  }
  if (platform === 'darwin') {
    const missing = ['CSC_LINK', 'APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER'].filter((name) => !env[name]);
    return missing.length ? `not signed and notarised for macOS: ${missing.join(', ')} not set` : null;
  }
  // Linux packages are not code-signed; their checksums are published beside them.
  return null;
}
