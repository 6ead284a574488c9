import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { crc32 } from '../../src-shared/fields/png';
import { writeTemp } from './pdf-tools';

/**
 * What poppler sees on a page, in points from the bottom-left corner of the page as a viewer shows it (the crop box:
 * both tools below read with `-cropbox`, where poppler's default is the MediaBox), so a test can compare it with the
 * field rectangles it placed.
 */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface PageWords {
  width: number;
  height: number;
  words: (Box & { text: string })[];
}

/** Every word per page, from `pdftotext -bbox` (whose y runs down from the top of the page). */
export function wordsByPage(bytes: Uint8Array): PageWords[] {
  const html = execFileSync('pdftotext', ['-bbox', '-cropbox', '-enc', 'UTF-8', writeTemp(bytes), '-'], { encoding: 'utf8' });
  const pages: PageWords[] = [];
  for (const [, attrs = '', body = ''] of html.matchAll(/<page ([^>]*)>([\s\S]*?)<\/page>/g)) {
    const height = attr(attrs, 'height');
    const words = [...body.matchAll(/<word ([^>]*)>([^<]*)<\/word>/g)].map(([, a = '', text = '']) => ({
      text: unescapeHtml(text),
      x0: attr(a, 'xMin'),
      x1: attr(a, 'xMax'),
      y0: height - attr(a, 'yMax'),
      y1: height - attr(a, 'yMin'),
    }));
    pages.push({ width: attr(attrs, 'width'), height, words });
  }
  return pages;
}

export interface ListedImage {
  /** 1-based, as pdfimages prints it. */
  page: number;
  type: string;
  width: number;
  height: number;
  /** Drawn size in points, from the pixel size and the resolution pdfimages reports (rounded to whole ppi). */
  drawnWidth: number;
  drawnHeight: number;
}

/** `pdfimages -list`: every image drawn, on which page and how large. */
export function listImages(bytes: Uint8Array): ListedImage[] {
  const out = execFileSync('pdfimages', ['-list', writeTemp(bytes)], { encoding: 'utf8' });
  return out
    .split('\n')
    .slice(2)
    .filter((line) => line.trim())
    .map((line) => {
      const c = line.trim().split(/\s+/);
      const [page, , type, width, height] = [Number(c[0]), c[1], c[2] ?? '', Number(c[3]), Number(c[4])];
      const [xPpi, yPpi] = [Number(c[12]), Number(c[13])];
      return { page, type, width, height, drawnWidth: (width / xPpi) * 72, drawnHeight: (height / yPpi) * 72 };
    });
}

export interface GrayImage {
  width: number;
  height: number;
  /** Rows from the top, 0 = black, 255 = white. */
  pixels: Uint8Array;
  dpi: number;
}

/** One page rendered by pdftoppm in greyscale (1-based page number). */
export function renderPage(bytes: Uint8Array, page: number, dpi = 144): GrayImage {
  const file = writeTemp(bytes);
  const base = path.join(path.dirname(file), `page-${page}`);
  execFileSync('pdftoppm', ['-gray', '-cropbox', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', file, base]);
  const pgm = fs.readFileSync(`${base}.pgm`);
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.toString('latin1', 0, 40));
  if (!header) throw new Error('pdftoppm wrote no 8-bit PGM');
  const [width, height] = [Number(header[1]), Number(header[2])];
  return { width, height, pixels: new Uint8Array(pgm.subarray(header[0].length)), dpi };
}

/**
 * The pixels that differ between two renderings of the same page, as point boxes in PDF user space (one per pixel,
 * bottom-left origin), so "nothing was drawn outside the fields" can be checked against the rectangles themselves.
 */
export function changedPixels(before: GrayImage, after: GrayImage, threshold = 24): Box[] {
  if (before.width !== after.width || before.height !== after.height) throw new Error('renderings of different sizes');
  const scale = 72 / after.dpi;
  const changed: Box[] = [];
  for (let row = 0; row < after.height; row++) {
    for (let col = 0; col < after.width; col++) {
      const i = row * after.width + col;
      if (Math.abs((before.pixels[i] ?? 0) - (after.pixels[i] ?? 0)) < threshold) continue;
      const y1 = (after.height - row) * scale;
      changed.push({ x0: col * scale, x1: (col + 1) * scale, y0: y1 - scale, y1 });
    }
  }
  return changed;
}

/** An RGBA PNG painted pixel by pixel: a stand-in for a signature drawn on the pad. */
export function makePng(width: number, height: number, paint: (x: number, y: number) => [number, number, number, number]): Uint8Array {
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) raw.set(paint(x, y), y * (width * 4 + 1) + 1 + x * 4);
  }
  const uint32 = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n);
    return b;
  };
  const ihdr = Buffer.concat([uint32(width), uint32(height), Buffer.from([8, 6, 0, 0, 0])]); // 8-bit RGBA
  const chunk = (type: string, data: Uint8Array) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    return Buffer.concat([uint32(data.length), body, uint32(crc32(body))]);
  };
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return new Uint8Array(Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array())]));
}

function attr(attrs: string, name: string): number {
  const m = new RegExp(`${name}="([^"]+)"`).exec(attrs);
  if (!m) throw new Error(`pdftotext gave no ${name}`);
  return Number(m[1]);
}

function unescapeHtml(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}
