import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

export interface StoredFile {
  sha256: string;
  size: number;
}

const shaPattern = /^[0-9a-f]{64}$/;

/**
 * Immutable, content-addressed files under `root`: `ab/abcdef…` by SHA-256. A file appears whole or not at all
 * (temp file, fsync, rename, fsync of the folder), so a crash never leaves a half-written document under its name.
 */
export class FileStore {
  /**
   * Where a file not here comes from: with sync, a document another laptop made has its PDF on the company server,
   * fetched the first time it is read (issue 7). Whatever it returns is checked by hash before it is kept.
   */
  fetchMissing: ((sha256: string) => Promise<Uint8Array | null>) | null = null;

  constructor(readonly root: string) {}

  pathOf(sha256: string): string {
    if (!shaPattern.test(sha256)) throw new Error(`not a SHA-256: ${sha256.slice(0, 80)}`);
    return path.join(this.root, sha256.slice(0, 2), sha256);
  }

  async put(bytes: Uint8Array): Promise<StoredFile> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const target = this.pathOf(sha256);
    if (await exists(target)) return { sha256, size: bytes.byteLength };

    const tmpDir = path.join(this.root, 'tmp');
    await fs.mkdir(tmpDir, { recursive: true });
    await fs.mkdir(path.dirname(target), { recursive: true });
    const tmp = path.join(tmpDir, `${sha256}.${randomBytes(6).toString('hex')}.part`);
    const handle = await fs.open(tmp, 'wx');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await fs.rename(tmp, target);
    } catch (error) {
      await fs.rm(tmp, { force: true });
      throw error;
    }
    await syncDir(path.dirname(target));
    return { sha256, size: bytes.byteLength };
  }

  /** Reads a file and proves it is still what its name says. */
  async read(sha256: string): Promise<Uint8Array> {
    const bytes = await fs.readFile(this.pathOf(sha256)).catch(async (error: NodeJS.ErrnoException) => {
      const fetched = error.code === 'ENOENT' && this.fetchMissing ? await this.fetchMissing(sha256) : null;
      if (!fetched) throw error;
      const actual = createHash('sha256').update(fetched).digest('hex');
      if (actual !== sha256) throw new Error(`file ${sha256} came from the company server as other content (it hashes to ${actual})`);
      await this.put(fetched);
      return fetched;
    });
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (actual !== sha256) throw new Error(`file ${sha256} is damaged on disk (its content hashes to ${actual})`);
    return bytes;
  }

  has(sha256: string): Promise<boolean> {
    return exists(this.pathOf(sha256));
  }

  /** Leftovers of writes interrupted by a crash; safe to remove at start-up. */
  async sweepTemp(): Promise<number> {
    const tmpDir = path.join(this.root, 'tmp');
    const names = await fs.readdir(tmpDir).catch(() => [] as string[]);
    await Promise.all(names.map((n) => fs.rm(path.join(tmpDir, n), { force: true })));
    return names.length;
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    await fs.access(p);
    return true;
  } catch {
    return false;
  }
}

async function syncDir(dir: string): Promise<void> {
  // Windows cannot open a directory for fsync; the rename is already durable there.
  if (process.platform === 'win32') return;
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
