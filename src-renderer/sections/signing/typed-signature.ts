/** The handwriting face app.css declares from resources/fonts (Caveat, SIL OFL 1.1). */
export const handwritingFont = 'Signet Handwriting';

/** The typed signature's PNG: 3:1 like a signature line, large enough to stay sharp on the page, far below the size limit. */
export const typedCanvas = { width: 900, height: 300 } as const;
/** Space left around the name, as a share of the canvas height. */
const margin = 0.12;
/** The largest glyphs may take this share of the height: a handwriting face's ascenders and descenders reach far. */
const heightShare = 0.55;

/**
 * The font size that fits the name on the canvas: as large as the height allows, smaller for a long name so that it
 * fits the width. Text width grows in proportion to the font size, so one measurement at `measuredAt` is enough.
 */
export function typedFontSize(widthAtMeasured: number, measuredAt: number, canvas: { width: number; height: number } = typedCanvas): number {
  const byHeight = canvas.height * heightShare;
  const usableWidth = canvas.width - 2 * canvas.height * margin;
  if (widthAtMeasured <= 0 || measuredAt <= 0) return Math.floor(byHeight);
  return Math.max(1, Math.floor(Math.min(byHeight, (usableWidth / widthAtMeasured) * measuredAt)));
}

/** The name as a person would sign it: one line, spaces folded, at most 100 characters. */
export function typedName(text: string): string {
  return [...text.normalize('NFC').replace(/\s+/g, ' ').trim()].slice(0, 100).join('');
}

/**
 * Draws the name on a fresh canvas in the handwriting face, once the face is loaded (canvas text never waits for a
 * web font and would silently fall back to another), and returns the PNG as base64.
 */
export async function renderTypedSignature(name: string, color = '#1a2a5a'): Promise<string> {
  const text = typedName(name);
  const probe = 100;
  await document.fonts.load(`${probe}px "${handwritingFont}"`, text);
  const canvas = document.createElement('canvas');
  canvas.width = typedCanvas.width;
  canvas.height = typedCanvas.height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D canvas');
  context.font = `${probe}px "${handwritingFont}"`;
  const size = typedFontSize(context.measureText(text).width, probe);
  context.font = `${size}px "${handwritingFont}"`;
  context.fillStyle = color;
  context.textAlign = 'center';
  context.textBaseline = 'middle';
  context.fillText(text, canvas.width / 2, canvas.height / 2);
  return pngBase64(canvas);
}

/** A canvas as base64 PNG, without the data-URL prefix the contract does not take. */
export function pngBase64(canvas: HTMLCanvasElement): string {
  return canvas.toDataURL('image/png').replace(/^data:image\/png;base64,/, '');
}
