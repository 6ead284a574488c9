import { PdfArray, PdfDict, PdfNumber, type PDF, type PdfObject, type PdfRef } from '@libpdf/core';
import { PDFArray, PDFName, PDFNumber, type PDFPage as PdfLibPage } from 'pdf-lib';

/** A rectangle of a page in user space: its lower-left corner and its size, in points. */
export interface PageBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

type Corners = readonly [number, number, number, number];

/** What pdf.js takes for a page whose MediaBox is missing or unusable: US Letter. */
const letter: Corners = [0, 0, 612, 792];

/**
 * The part of a page a viewer shows, and so the space fields are placed in: the CropBox clipped to the MediaBox, or
 * the MediaBox when there is no usable CropBox. Worked out the way pdf.js does it (the editor and the signing screen
 * draw pages with it, and poppler agrees), so a field on screen and the value drawn at completion share one origin:
 * a scan cropped to [50 100 545 742] shows its point (50, 100) at the bottom-left corner, not (0, 0). Boxes written
 * with their corners swapped are normalised, as every viewer does.
 */
export function visibleBox(mediaBox: readonly number[] | undefined, cropBox: readonly number[] | undefined): PageBox {
  const media = usable(mediaBox) ?? letter;
  const crop = usable(cropBox);
  const shown = (crop && intersect(crop, media)) ?? media;
  return { x: shown[0], y: shown[1], width: shown[2] - shown[0], height: shown[3] - shown[1] };
}

/** Four finite numbers enclosing some area, as [left, bottom, right, top]; anything else is as good as absent. */
function usable(box: readonly number[] | undefined): Corners | undefined {
  if (box?.length !== 4 || !box.every(Number.isFinite)) return undefined;
  const [x0, y0, x1, y1] = box as Corners;
  const corners: Corners = [Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1)];
  return corners[2] > corners[0] && corners[3] > corners[1] ? corners : undefined;
}

/** Both boxes normalised; undefined when they share no area. */
function intersect(a: Corners, b: Corners): Corners | undefined {
  const shared: Corners = [Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.min(a[2], b[2]), Math.min(a[3], b[3])];
  return shared[2] > shared[0] && shared[3] > shared[1] ? shared : undefined;
}

/** The visible box of a page loaded with pdf-lib (import); boxes may be inherited from the page tree. */
export function pdfLibVisibleBox(page: PdfLibPage): PageBox {
  const { context } = page.doc;
  const box = (name: 'MediaBox' | 'CropBox') =>
    context
      .lookupMaybe(page.node.getInheritableAttribute(PDFName.of(name)), PDFArray)
      ?.asArray()
      .map((item) => {
        const value = context.lookup(item);
        return value instanceof PDFNumber ? value.asNumber() : Number.NaN;
      });
  return visibleBox(box('MediaBox'), box('CropBox'));
}

/** Parents a page's inherited attributes are looked up in, at most: a page tree deeper than this is a loop. */
const maxTreeDepth = 64;

/**
 * The visible box of a page of a document loaded with @libpdf/core (composition). Read from the page dictionaries
 * here rather than with `getMediaBox()`/`getCropBox()`: in 0.4.2 those give the upper-right corner as the size and do
 * not look up a box inherited from the page tree.
 */
export function libPdfVisibleBox(pdf: PDF, pageIndex: number): PageBox {
  const page = pdf.getPage(pageIndex);
  if (!page) throw new Error(`no page ${pageIndex}`);
  const resolve = (ref: PdfRef) => pdf.getObject(ref);
  const box = (name: 'MediaBox' | 'CropBox') => {
    let node: PdfObject | undefined = page.dict;
    for (let depth = 0; node instanceof PdfDict && depth < maxTreeDepth; depth++) {
      const value = node.get(name, resolve);
      if (value instanceof PdfArray) return Array.from({ length: value.length }, (_, i) => value.at(i, resolve)).map((n) => (n instanceof PdfNumber ? n.value : Number.NaN));
      node = node.get('Parent', resolve);
    }
    return undefined;
  };
  return visibleBox(box('MediaBox'), box('CropBox'));
}
