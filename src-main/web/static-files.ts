import fs from 'node:fs/promises';
import { resolveAssetPath } from '../app/renderer-assets';

export type StaticResult = { status: 200; body: Buffer; contentType: string } | { status: number };

/** The browser host's half of renderer serving: the same path rules as the `app://` protocol, read from disk. */
export async function readStatic(rootDir: string, requestUrl: string, method: string): Promise<StaticResult> {
  const pathname = new URL(requestUrl, 'http://host.invalid').pathname;
  const resolved = resolveAssetPath(pathname, rootDir, method);
  if (resolved.kind === 'error') return { status: resolved.status };
  try {
    const stat = await fs.stat(resolved.filePath);
    if (!stat.isFile()) return { status: 404 };
    return { status: 200, body: await fs.readFile(resolved.filePath), contentType: resolved.contentType };
  } catch {
    return { status: 404 };
  }
}
