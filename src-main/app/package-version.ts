import fs from 'node:fs';
import path from 'node:path';

/**
 * The version in package.json, for programs run from the build (out/main/*.js, two levels below the root). A copy
 * without a readable package.json says 0.0.0 rather than failing to start.
 */
export function packageVersion(bundleDir: string): string {
  try {
    return (JSON.parse(fs.readFileSync(path.resolve(bundleDir, '../../package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}
