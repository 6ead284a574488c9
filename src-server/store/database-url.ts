import { ConfigError } from '../config/config-error';

/**
 * DATABASE_URL: postgres://user:pass@host:port/db puts the store in PostgreSQL; unset or empty, the SQLite file in the
 * data folder. Read from the environment, never the command line: the URL usually carries a password.
 */
export function databaseUrlOf(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env.DATABASE_URL?.trim();
  if (!value) return undefined;
  let protocol: string;
  try {
    protocol = new URL(value).protocol;
  } catch {
    throw new ConfigError('DATABASE_URL is not a URL: expected postgres://user:password@host:port/database');
  }
  if (protocol !== 'postgres:' && protocol !== 'postgresql:') throw new ConfigError(`DATABASE_URL must start with postgres:// (it starts with ${protocol}//)`);
  return value;
}
