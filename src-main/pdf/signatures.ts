import { indexOfBytes } from './find-bytes';

/**
 * Finds the signatures in a PDF's raw bytes: each signature dictionary's /ByteRange and the /Contents hole between
 * its two ranges. Reading bytes rather than objects is deliberate: verification must see exactly what was signed,
 * not what a lenient parser reconstructs. Every candidate is checked structurally; a /ByteRange whose hole does not
 * hold a hex string is reported as malformed rather than ignored.
 */
export interface LocatedSignature {
  byteRange: [number, number, number, number];
  /** DER bytes of the CMS SignedData (trailing zero padding removed); null when the hole is not a hex string. */
  cms: Uint8Array | null;
  subFilter?: string | undefined;
  /** Offset of the /ByteRange key, for finding the dictionary around it. */
  at: number;
}

const key = Buffer.from('/ByteRange');
const rangePattern = /^\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/;
const subFilterPattern = /\/SubFilter\s*\/([A-Za-z0-9.#_-]+)/;

export function findSignatures(buf: Buffer): LocatedSignature[] {
  const found = new Map<string, LocatedSignature>();
  for (let at = indexOfBytes(buf, key); at >= 0; at = indexOfBytes(buf, key, at + key.length)) {
    const match = rangePattern.exec(buf.toString('latin1', at, Math.min(buf.length, at + 120)));
    if (!match) continue;
    const byteRange = match.slice(1, 5).map(Number) as [number, number, number, number];
    const id = byteRange.join(' ');
    if (found.has(id)) continue;
    // The dictionary is small; its /SubFilter sits within a few hundred bytes of /ByteRange on either side.
    const around = buf.toString('latin1', Math.max(0, at - 600), Math.min(buf.length, at + 600));
    found.set(id, { byteRange, cms: readContents(buf, byteRange), subFilter: subFilterPattern.exec(around)?.[1], at });
  }
  return [...found.values()].sort((x, y) => x.byteRange[2] + x.byteRange[3] - (y.byteRange[2] + y.byteRange[3]));
}

function readContents(buf: Buffer, [a, b, c, d]: [number, number, number, number]): Uint8Array | null {
  if (a !== 0 || b <= 0 || c <= b + 1 || d < 0 || c + d > buf.length) return null;
  if (buf[b] !== 0x3c || buf[c - 1] !== 0x3e) return null; // < … >
  const der = hexBytes(buf, b + 1, c - 1);
  return der ? derPrefix(der) : null;
}

/** PDF white space, skipped inside a hex string. */
const whiteSpace = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const hexValue = new Int8Array(256).fill(-1);
for (let i = 0; i < 16; i++) {
  hexValue['0123456789abcdef'.charCodeAt(i)] = i;
  hexValue['0123456789ABCDEF'.charCodeAt(i)] = i;
}

/**
 * The bytes of the hex digits in buf[start, end), decoded where they lie: the hole is as large as its /ByteRange says,
 * and a hostile one may span most of the file, which must not become a string of that size. Null unless it holds only
 * hex digits (an even number of them) and white space.
 */
function hexBytes(buf: Buffer, start: number, end: number): Buffer | null {
  const out = Buffer.allocUnsafe((end - start) >> 1);
  let n = 0;
  let high = -1;
  for (let i = start; i < end; i++) {
    const value = hexValue[buf[i]!]!;
    if (value < 0) {
      if (whiteSpace.has(buf[i]!)) continue;
      return null;
    }
    if (high < 0) high = value;
    else {
      out[n++] = (high << 4) | value;
      high = -1;
    }
  }
  return high < 0 ? out.subarray(0, n) : null;
}

/** The hole is padded with zeros; the DER header says how long the SignedData really is. */
function derPrefix(bytes: Buffer): Uint8Array | null {
  if (bytes.length < 2 || bytes[0] !== 0x30) return null;
  const first = bytes[1]!;
  let length = first;
  let header = 2;
  if (first & 0x80) {
    const count = first & 0x7f;
    if (count === 0 || count > 4 || bytes.length < 2 + count) return null;
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[2 + i]!;
    header = 2 + count;
  }
  return header + length <= bytes.length ? bytes.subarray(0, header + length) : null;
}

/** The bytes a signature covers, [a, a+b) followed by [c, c+d), as one copy: for a verifier that wants them whole (an external tool, pkijs for an unusual algorithm). */
export function signedBytes(buf: Buffer, [a, b, c, d]: [number, number, number, number]): Buffer {
  return Buffer.concat([buf.subarray(a, a + b), buf.subarray(c, c + d)]);
}
