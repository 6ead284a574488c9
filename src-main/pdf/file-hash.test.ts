import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Progress } from '../../src-shared/pdf/progress';
import { hashFile, rangeDigest, rangeDigestCost } from './file-hash';
import { ProgressMeter } from './progress-meter';

const MiB = 1 << 20;
const sha = (algorithm: string, ...parts: Buffer[]) => parts.reduce((h, p) => h.update(p), createHash(algorithm)).digest();

describe('hashing a file once for all its digests', () => {
  const buf = randomBytes(3 * MiB + 12345);

  it('gives the SHA-256 of the whole file and of any prefix, around the kept states too', async () => {
    const file = await hashFile(buf, new ProgressMeter(undefined, buf.length));
    expect(file.sha256).toBe(sha('sha256', buf).toString('hex'));
    for (const n of [0, 1, MiB - 1, MiB, MiB + 1, 3 * MiB, buf.length - 1, buf.length]) {
      expect(file.prefix(n).digest('hex'), `prefix ${n}`).toBe(sha('sha256', buf.subarray(0, n)).toString('hex'));
    }
    // A state handed out is a copy: finishing it leaves the next request unaffected.
    expect(file.prefix(MiB).digest('hex')).toBe(sha('sha256', buf.subarray(0, MiB)).toString('hex'));
  });

  it("gives each signature's digest over its two ranges, continuing the file's hash or, for another algorithm, on its own", async () => {
    const file = await hashFile(buf, new ProgressMeter(undefined, buf.length));
    const range: [number, number, number, number] = [0, 2 * MiB + 7, 2 * MiB + 4000, MiB + 5000];
    const expected = (algorithm: string) => sha(algorithm, buf.subarray(0, range[1]), buf.subarray(range[2], range[2] + range[3]));
    for (const algorithm of ['sha256', 'sha384', 'sha1']) {
      const meter = new ProgressMeter(undefined, Infinity);
      expect((await rangeDigest(file, buf, range, algorithm, meter)).equals(expected(algorithm)), algorithm).toBe(true);
    }
    expect(rangeDigestCost(range, 'sha256')).toBe(range[3]);
    expect(rangeDigestCost(range, 'sha384')).toBe(range[1] + range[3]);
    expect(rangeDigestCost(range, undefined)).toBe(0);
  });

  it('reports the bytes hashed in order, to the total, and lets the event loop run between chunks', async () => {
    const big = randomBytes(20 * MiB);
    const reports: Progress[] = [];
    let ranBetween = false;
    setImmediate(() => (ranBetween = reports.length > 0 && reports.at(-1)!.done < big.length));
    await hashFile(big, new ProgressMeter((p) => reports.push(p), big.length));
    expect(reports.map((r) => r.done)).toEqual([8 * MiB, 16 * MiB, 20 * MiB]);
    expect(reports.every((r) => r.phase === 'hash' && r.total === big.length)).toBe(true);
    expect(ranBetween).toBe(true);
  });
});
