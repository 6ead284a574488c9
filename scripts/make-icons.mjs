/**
 * `node scripts/make-icons.mjs`: the app's icons in every size the installers want (issue 10, item 1), drawn from
 * resources/icons/icon.svg by Chromium (the one the e2e tests use), and packed into Windows' .ico and macOS' .icns.
 * The results are committed; run this again after changing the SVG. src-main/electron/icons.test.ts checks them.
 *
 *   resources/icons/<N>x<N>.png  16 … 1024, for Linux (electron-builder takes the folder) and the .ico/.icns below
 *   resources/icons/icon.ico     16, 24, 32, 48, 64, 128, 256 (PNG entries, as Windows Vista and later read)
 *   resources/icons/icon.icns    16 … 1024 with the @2x variants (PNG entries)
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';

const dir = path.resolve(import.meta.dirname, '../resources/icons');
const svg = fs.readFileSync(path.join(dir, 'icon.svg'), 'utf8');
export const pngSizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const icoSizes = [16, 24, 32, 48, 64, 128, 256];
// The icns types for PNG payloads, by pixel size (ic11–ic14 are the @2x of 16–256 pt, ic10 that of 512 pt).
const icnsTypes = [['icp4', 16], ['icp5', 32], ['ic11', 32], ['ic12', 64], ['ic07', 128], ['ic13', 256], ['ic08', 256], ['ic14', 512], ['ic09', 512], ['ic10', 1024]];

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
try {
  const page = await browser.newPage();
  const pngs = new Map();
  for (const size of pngSizes) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(`<html><body style="margin:0;background:transparent"><img src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}" width="${size}" height="${size}"></body></html>`);
    const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    pngs.set(size, png);
    fs.writeFileSync(path.join(dir, `${size}x${size}.png`), png);
  }
  fs.copyFileSync(path.join(dir, '512x512.png'), path.join(dir, 'icon.png'));
  fs.writeFileSync(path.join(dir, 'icon.ico'), ico(icoSizes.map((s) => [s, pngs.get(s)])));
  fs.writeFileSync(path.join(dir, 'icon.icns'), icns(icnsTypes.map(([type, s]) => [type, pngs.get(s)])));
} finally {
  await browser.close();
}

/** ICONDIR, then one ICONDIRENTRY per image (a width or height of 0 means 256), then the PNGs. */
function ico(images) {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(([size, png], i) => {
    const at = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, at);
    header.writeUInt8(size >= 256 ? 0 : size, at + 1);
    header.writeUInt16LE(1, at + 4);
    header.writeUInt16LE(32, at + 6);
    header.writeUInt32LE(png.length, at + 8);
    header.writeUInt32LE(offset, at + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map(([, png]) => png)]);
}

/** 'icns' and the file's length, then per image its four-letter type, its length with these 8 bytes, and the PNG. */
function icns(images) {
  const chunks = images.map(([type, png]) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + chunks.reduce((n, c) => n + c.length, 0), 4);
  return Buffer.concat([head, ...chunks]);
}
