import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/*
 * The app's icons in every size the installers take (issue 10, item 1), as scripts/make-icons.mjs draws them from
 * icon.svg: read back here by their own headers, so a missing size or a wrong picture size fails.
 */
const root = path.resolve(import.meta.dirname, '../..');
const icons = path.join(root, 'resources/icons');
const read = (name: string) => fs.readFileSync(path.join(icons, name));

/** A PNG's width and height from its IHDR chunk, after checking the signature. */
function pngSize(png: Buffer): [number, number] {
  expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  expect(png.toString('ascii', 12, 16)).toBe('IHDR');
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

describe('the app icons', () => {
  it('are there as PNGs from 16 to 1024 pixels, each the size its name says', () => {
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) expect(pngSize(read(`${size}x${size}.png`))).toEqual([size, size]);
  });

  it('the .ico holds 16 to 256 pixels, each entry\u2019s size matching its PNG', () => {
    const ico = read('icon.ico');
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const sizes = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => {
      const at = 6 + 16 * i;
      const declared = ico.readUInt8(at) || 256;
      const png = ico.subarray(ico.readUInt32LE(at + 12), ico.readUInt32LE(at + 12) + ico.readUInt32LE(at + 8));
      expect(pngSize(png)).toEqual([declared, declared]);
      return declared;
    });
    expect(sizes).toEqual([16, 24, 32, 48, 64, 128, 256]);
  });

  it('the .icns holds every macOS size with its @2x, each chunk a PNG of its type\u2019s size', () => {
    const icns = read('icon.icns');
    expect(icns.toString('ascii', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const chunks = new Map<string, number>();
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4)) chunks.set(icns.toString('ascii', at, at + 4), pngSize(icns.subarray(at + 8, at + icns.readUInt32BE(at + 4)))[0]);
    expect(Object.fromEntries(chunks)).toEqual({ icp4: 16, icp5: 32, ic11: 32, ic12: 64, ic07: 128, ic13: 256, ic08: 256, ic14: 512, ic09: 512, ic10: 1024 });
  });

  it('are the ones electron-builder.yml gives each platform', () => {
    const config = parse(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<string, { icon: string }>;
    expect([config.win!.icon, config.mac!.icon, config.linux!.icon]).toEqual(['resources/icons/icon.ico', 'resources/icons/icon.icns', 'resources/icons']);
  });
});
