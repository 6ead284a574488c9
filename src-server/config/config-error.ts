/**
 * A setting the server was started with that cannot be used: a bad server.json, a secret missing from the environment,
 * a seal that does not open or cannot seal. `main.ts` prints the message (which names the file, key or variable) and
 * exits 2, as for a bad command line: the server must not run half-configured.
 */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
