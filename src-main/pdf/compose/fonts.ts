import fs from 'node:fs';
import path from 'node:path';

export interface FontFiles {
  regular: Uint8Array;
  bold: Uint8Array;
}

const cache = new Map<string, FontFiles>();

/**
 * DejaVu Sans (Bitstream Vera licence, resources/fonts): a Unicode TrueType font, because the 14 standard PDF fonts
 * cannot print "Zażółć gęślą jaźń". Read once per resources folder.
 */
export function loadFonts(resourcesDir: string): FontFiles {
  let fonts = cache.get(resourcesDir);
  if (!fonts) {
    const read = (name: string) => new Uint8Array(fs.readFileSync(path.join(resourcesDir, 'fonts', name)));
    fonts = { regular: read('DejaVuSans.ttf'), bold: read('DejaVuSans-Bold.ttf') };
    cache.set(resourcesDir, fonts);
  }
  return fonts;
}
