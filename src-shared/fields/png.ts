import { base64DecodedLength, decodeBase64, stripBase64 } from './base64';

/** Largest signature or initials image accepted: a drawn signature is a few tens of kilobytes. */
export const maxSignatureImageBytes = 2 * 1024 * 1024;
/**
 * Largest side in pixels. A tiny file can still declare a huge canvas that would be inflated in full when the page is
 * composed (a decompression bomb); a signature pad on a high-density screen stays well under this.
 */
export const maxSignatureImageSide = 4096;

export interface PngInfo {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
}

const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;
/** Bit depths the PNG specification allows for each colour type. */
const allowedBitDepths: Readonly<Record<number, readonly number[]>> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};

/**
 * Reads a PNG's header after walking every chunk: signature bytes, IHDR first, at least one IDAT, IEND last and exactly at
 * the end, every chunk's CRC correct. A truncated or damaged image is refused here, when the signer submits it, not later
 * when the final PDF is composed.
 */
export function readPngInfo(bytes: Uint8Array): PngInfo | null {
  if (bytes.length < 8 + 25 + 12 || pngSignature.some((b, i) => bytes[i] !== b)) return null;
  let offset = 8;
  let info: PngInfo | null = null;
  let sawData = false;
  while (offset + 12 <= bytes.length) {
    const length = readUint32(bytes, offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    const dataStart = offset + 8;
    const dataEnd = dataStart + length;
    if (!/^[A-Za-z]{4}$/.test(type) || dataEnd + 4 > bytes.length) return null;
    if (readUint32(bytes, dataEnd) !== crc32(bytes.subarray(offset + 4, dataEnd))) return null;
    if (offset === 8) {
      if (type !== 'IHDR' || length !== 13) return null;
      info = {
        width: readUint32(bytes, dataStart),
        height: readUint32(bytes, dataStart + 4),
        bitDepth: bytes[dataStart + 8] ?? 0,
        colorType: bytes[dataStart + 9] ?? 0,
      };
      if (info.width === 0 || info.height === 0 || !allowedBitDepths[info.colorType]?.includes(info.bitDepth)) return null;
    } else if (type === 'IHDR') {
      return null;
    }
    if (type === 'IDAT') sawData = true;
    offset = dataEnd + 4;
    if (type === 'IEND') return offset === bytes.length && sawData ? info : null;
  }
  return null;
}

export type SignatureImageResult =
  | { ok: true; /** Canonical base64 (no data-URL prefix, no whitespace). */ base64: string; bytes: Uint8Array; info: PngInfo }
  | { ok: false; messageKey: 'validation.pngImage' | 'validation.imageTooLarge' };

/** A signature or initials value: a PNG as base64 (a `data:image/png;base64,` URL is accepted too). */
export function checkSignatureImage(text: string, maxBytes: number = maxSignatureImageBytes): SignatureImageResult {
  const stripped = stripBase64(text);
  if (base64DecodedLength(stripped) > maxBytes) return { ok: false, messageKey: 'validation.imageTooLarge' };
  const bytes = decodeBase64(stripped);
  if (!bytes) return { ok: false, messageKey: 'validation.pngImage' };
  const info = readPngInfo(bytes);
  if (!info) return { ok: false, messageKey: 'validation.pngImage' };
  if (info.width > maxSignatureImageSide || info.height > maxSignatureImageSide) return { ok: false, messageKey: 'validation.imageTooLarge' };
  const unpadded = stripped.replace(/=+$/, '');
  return { ok: true, base64: unpadded.padEnd(Math.ceil(unpadded.length / 4) * 4, '='), bytes, info };
}

function readUint32(bytes: Uint8Array, at: number): number {
  return (((bytes[at] ?? 0) << 24) | ((bytes[at + 1] ?? 0) << 16) | ((bytes[at + 2] ?? 0) << 8) | (bytes[at + 3] ?? 0)) >>> 0;
}

const crcTable = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 as PNG (and zlib) computes it. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (crcTable[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
