import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../src-main/test-support/temp-services';
import { isMissingFile } from './document-files';
import { openDocumentFiles } from './open-document-files';

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) fs.rmSync(root, { recursive: true, force: true });
});

function folder() {
  const root = tempDir('signet-files-');
  roots.push(root);
  return { root, files: openDocumentFiles({ kind: 'folder', root }) };
}

/** Every file under root, by name relative to it. */
function listed(root: string): string[] {
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
    .sort();
}

describe('the server files in a folder', () => {
  it('keeps bytes under their SHA-256 and gives them back; has and remove follow', async () => {
    const { files } = folder();
    const bytes = randomBytes(70_000);
    const stored = await files.put(bytes);
    expect(stored).toEqual({ sha256: sha(bytes), size: 70_000 });
    expect(await files.has(stored.sha256)).toBe(true);
    expect(Buffer.from(await files.read(stored.sha256)).equals(bytes)).toBe(true);

    await files.remove(stored.sha256);
    expect(await files.has(stored.sha256)).toBe(false);
    // Twice: two removal sweeps may race.
    await files.remove(stored.sha256);
    const error = await files.read(stored.sha256).catch((e: unknown) => e);
    expect(isMissingFile(error)).toBe(true);
  });

  it('refuses on read a file whose content no longer hashes to its name', async () => {
    const { root, files } = folder();
    const stored = await files.put(Buffer.from('%PDF-1.7 the original'));
    const [onDisk] = listed(root);
    expect(onDisk).toBe(path.join(stored.sha256.slice(0, 2), stored.sha256));
    fs.writeFileSync(path.join(root, onDisk!), '%PDF-1.7 the original, changed');

    const error = await files.read(stored.sha256).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/damaged/);
    expect(isMissingFile(error)).toBe(false);
    // Still there: has says what is stored, read says whether it can be trusted.
    expect(await files.has(stored.sha256)).toBe(true);
  });

  it('takes the same content put many times at once, by one instance and by another on the same folder, as one file', async () => {
    const { root, files } = folder();
    const other = openDocumentFiles({ kind: 'folder', root });
    const bytes = randomBytes(256 * 1024);
    const results = await Promise.all(Array.from({ length: 24 }, (_, i) => (i % 2 ? other : files).put(bytes)));
    expect(new Set(results.map((r) => r.sha256))).toEqual(new Set([sha(bytes)]));
    // One file in place and no temp file left beside it.
    expect(listed(root)).toEqual([path.join(sha(bytes).slice(0, 2), sha(bytes))]);
    expect(Buffer.from(await other.read(sha(bytes))).equals(bytes)).toBe(true);
  });

  it('sweeps what an interrupted write left, and nothing stored', async () => {
    const { root, files } = folder();
    const stored = await files.put(Buffer.from('kept'));
    fs.mkdirSync(path.join(root, 'tmp'), { recursive: true });
    fs.writeFileSync(path.join(root, 'tmp', `${stored.sha256}.abc.part`), 'half');
    expect(await files.sweepTemp()).toBe(1);
    expect(listed(root)).toEqual([path.join(stored.sha256.slice(0, 2), stored.sha256)]);
  });

  it('refuses a name that is not a SHA-256 (no path outside the folder)', async () => {
    const { files } = folder();
    await expect(files.read('../../etc/passwd')).rejects.toThrow(/not a SHA-256/);
    await expect(files.remove('../x')).rejects.toThrow(/not a SHA-256/);
  });
});
