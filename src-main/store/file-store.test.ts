import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/temp-services';
import { FileStore } from './file-store';

describe('FileStore', () => {
  it('stores bytes under their SHA-256 and reads them back verified', async () => {
    const store = new FileStore(tempDir());
    const bytes = new TextEncoder().encode('%PDF-1.7 umowa');
    const { sha256, size } = await store.put(bytes);
    expect(sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(size).toBe(bytes.byteLength);
    expect(store.pathOf(sha256)).toBe(path.join(store.root, sha256.slice(0, 2), sha256));
    expect(Buffer.from(await store.read(sha256)).toString()).toBe('%PDF-1.7 umowa');
    expect(await store.put(bytes)).toEqual({ sha256, size });
    expect(fs.readdirSync(path.join(store.root, 'tmp'))).toEqual([]);
  });

  it('detects a file changed on disk behind its back', async () => {
    const store = new FileStore(tempDir());
    const { sha256 } = await store.put(new TextEncoder().encode('original'));
    fs.chmodSync(store.pathOf(sha256), 0o644);
    fs.writeFileSync(store.pathOf(sha256), 'tampered');
    await expect(store.read(sha256)).rejects.toThrow(/damaged/);
  });

  it('sweeps leftovers of interrupted writes and refuses names that are not hashes', async () => {
    const store = new FileStore(tempDir());
    fs.mkdirSync(path.join(store.root, 'tmp'), { recursive: true });
    fs.writeFileSync(path.join(store.root, 'tmp', 'abc.part'), 'half');
    expect(await store.sweepTemp()).toBe(1);
    expect(fs.readdirSync(path.join(store.root, 'tmp'))).toEqual([]);
    expect(() => store.pathOf('../../etc/passwd')).toThrow();
  });
});
