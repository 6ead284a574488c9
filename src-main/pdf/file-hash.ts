import { createHash, type Hash } from 'node:crypto';
import { yieldToEventLoop, type ProgressMeter } from './progress-meter';

/**
 * Hashing a large PDF for verification, reading each byte once. The SHA-256 of the whole file runs over it as a
 * stream, and its state is kept every mebibyte: every signature's first range, and the original a Signet document
 * begins with, are prefixes of the file, so their hash continues from the nearest kept state instead of starting over.
 * Nothing is copied: the ranges are hashed where they lie.
 */
const snapshotEvery = 1 << 20;
/** Between chunks of this size the event loop runs (a UI stays responsive) and progress is reported. */
const yieldEvery = 8 << 20;

export interface FileHash {
  /** SHA-256 of the whole file, hex. */
  sha256: string;
  /** A SHA-256 state over the file's first `length` bytes, to be continued or finished. */
  prefix(length: number): Hash;
}

async function feed(hash: Hash, buf: Buffer, start: number, end: number, meter: ProgressMeter, afterStep?: (at: number) => void): Promise<void> {
  let unreported = 0;
  for (let at = start; at < end; ) {
    const next = Math.min(end, (Math.floor(at / snapshotEvery) + 1) * snapshotEvery);
    hash.update(buf.subarray(at, next));
    unreported += next - at;
    at = next;
    afterStep?.(at);
    if (unreported >= yieldEvery && at < end) {
      meter.report('hash', unreported);
      unreported = 0;
      await yieldToEventLoop();
    }
  }
  if (unreported > 0) meter.report('hash', unreported);
}

export async function hashFile(buf: Buffer, meter: ProgressMeter): Promise<FileHash> {
  const hash = createHash('sha256');
  const snapshots = [hash.copy()];
  await feed(hash, buf, 0, buf.length, meter, (at) => {
    if (at % snapshotEvery === 0) snapshots.push(hash.copy());
  });
  return {
    sha256: hash.digest('hex'),
    prefix(length) {
      const whole = Math.min(Math.floor(length / snapshotEvery), snapshots.length - 1);
      return snapshots[whole]!.copy().update(buf.subarray(whole * snapshotEvery, length));
    },
  };
}

type ByteRange = [number, number, number, number];

/** A SHA-256 signature whose first range starts the file continues the file's own hash. */
const continuesFileHash = ([a]: ByteRange, algorithm: string) => algorithm === 'sha256' && a === 0;

/** How many bytes `rangeDigest` reads for this signature beyond the pass over the whole file. */
export function rangeDigestCost(range: ByteRange, algorithm: string | undefined): number {
  if (!algorithm) return 0;
  return continuesFileHash(range, algorithm) ? range[3] : range[1] + range[3];
}

/** The digest of the bytes a signature covers: [a, a+b) followed by [c, c+d). */
export async function rangeDigest(file: FileHash, buf: Buffer, range: ByteRange, algorithm: string, meter: ProgressMeter): Promise<Buffer> {
  const [a, b, c, d] = range;
  const continued = continuesFileHash(range, algorithm);
  const hash = continued ? file.prefix(b) : createHash(algorithm);
  if (!continued) await feed(hash, buf, a, a + b, meter);
  await feed(hash, buf, c, c + d, meter);
  return hash.digest();
}
