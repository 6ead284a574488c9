import { crc32 as zlibCrc32 } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { makePng } from '../../src-main/test-support/png';
import { decodeBase64 } from './base64';
import { checkSignatureImage, crc32, maxSignatureImageBytes, readPngInfo } from './png';

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
