import { crc32 as zlibCrc32, deflateSync } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { decodeBase64 } from './base64';
import { checkSignatureImage, crc32, maxSignatureImageBytes, readPngInfo } from './png';

/** One PNG chunk: length, type, data, CRC over type + data (computed by zlib, not by the code under test). */
function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlibCrc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A real RGBA PNG of the given size (ink-blue pixels), optionally with an extra ancillary chunk to bulk it up. */
function makePng(width: number, height: number, extra?: Uint8Array): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, deflate, no filter method variants, no interlace
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 4, Buffer.from([0x1a, 0x2b, 0x8c, 0xff]))]);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    ...(extra ? [chunk('tEXt', extra)] : []),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

const jpegHead = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9]);

describe('PNG signature images', () => {
  const png = makePng(3, 2);

  it('builds a PNG that a PDF library embeds, so the fixture is real', async () => {
    const doc = await PDFDocument.create();
    const image = await doc.embedPng(png);
    expect([image.width, image.height]).toEqual([3, 2]);
  });

  it('reads the header of a valid PNG', () => {
    expect(readPngInfo(png)).toEqual({ width: 3, height: 2, bitDepth: 8, colorType: 6 });
  });

  it('accepts base64 and a data URL, returning canonical base64', () => {
    const b64 = png.toString('base64');
    const plain = checkSignatureImage(b64);
    expect(plain.ok && plain.base64).toBe(b64);
    const url = checkSignatureImage(`data:image/png;base64,${b64.slice(0, 40)}\n${b64.slice(40)}`);
    expect(url.ok && url.base64).toBe(b64);
    const unpadded = checkSignatureImage(b64.replace(/=+$/, ''));
    expect(unpadded.ok && unpadded.base64).toBe(b64);
    expect(plain.ok && Buffer.from(plain.bytes).equals(png)).toBe(true);
  });

  it('refuses a JPEG, text and garbage', () => {
    expect(checkSignatureImage(jpegHead.toString('base64'))).toEqual({ ok: false, messageKey: 'validation.pngImage' });
    expect(checkSignatureImage(Buffer.from('not an image at all, just some words').toString('base64'))).toEqual({
      ok: false,
      messageKey: 'validation.pngImage',
    });
    expect(checkSignatureImage('%%% definitely not base64 %%%')).toEqual({ ok: false, messageKey: 'validation.pngImage' });
    expect(checkSignatureImage('')).toEqual({ ok: false, messageKey: 'validation.pngImage' });
  });

  it('refuses a PNG that is truncated, damaged or has bytes after its end', () => {
    expect(readPngInfo(png.subarray(0, png.length - 1))).toBeNull();
    expect(readPngInfo(png.subarray(0, 40))).toBeNull();
    const flipped = Buffer.from(png);
    flipped[png.length - 20] = (flipped[png.length - 20] ?? 0) ^ 0xff; // inside IDAT: its CRC no longer matches
    expect(readPngInfo(flipped)).toBeNull();
    expect(readPngInfo(Buffer.concat([png, Buffer.from([0])]))).toBeNull();
    // Only the signature bytes of a PNG, then JPEG data.
    expect(readPngInfo(Buffer.concat([png.subarray(0, 8), jpegHead]))).toBeNull();
    expect(checkSignatureImage(flipped.toString('base64'))).toEqual({ ok: false, messageKey: 'validation.pngImage' });
  });

  it('refuses an image over 2 MB, and a small file declaring a huge canvas', () => {
    const big = makePng(4, 4, new Uint8Array(maxSignatureImageBytes));
    expect(big.length).toBeGreaterThan(maxSignatureImageBytes);
    expect(readPngInfo(big)).not.toBeNull(); // a valid PNG, refused for its size alone
    expect(checkSignatureImage(big.toString('base64'))).toEqual({ ok: false, messageKey: 'validation.imageTooLarge' });
    const justUnder = makePng(4, 4, new Uint8Array(maxSignatureImageBytes - 2000));
    expect(justUnder.length).toBeLessThanOrEqual(maxSignatureImageBytes);
    expect(checkSignatureImage(justUnder.toString('base64')).ok).toBe(true);

    const wide = makePng(5000, 1);
    expect(wide.length).toBeLessThan(10_000);
    expect(checkSignatureImage(wide.toString('base64'))).toEqual({ ok: false, messageKey: 'validation.imageTooLarge' });
  });
});

describe('decodeBase64', () => {
  it('decodes the same bytes as Node for every length and padding', () => {
    const bytes = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 37 + 11) & 0xff));
    for (let n = 0; n <= 20; n++) {
      const slice = bytes.subarray(0, n);
      expect(Buffer.from(decodeBase64(slice.toString('base64')) ?? [0xde, 0xad]).equals(slice), `length ${n}`).toBe(true);
    }
    expect(Buffer.from(decodeBase64(bytes.toString('base64')) ?? []).equals(bytes)).toBe(true);
  });

  it('refuses invalid base64', () => {
    for (const bad of ['A', 'AB=C', 'ABC==', 'AB===', 'ABCD-_', 'AB\u00e9D', 'QR==']) expect(decodeBase64(bad), bad).toBeNull();
  });
});

describe('crc32', () => {
  it('matches zlib', () => {
    const data = Buffer.from('Zażółć gęślą jaźń');
    expect(crc32(data)).toBe(zlibCrc32(data));
  });
});
