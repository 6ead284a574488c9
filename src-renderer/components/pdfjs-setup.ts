import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { pdfjs, type DocumentProps } from 'react-pdf';

// Bundled by Vite as a file of its own, so the worker comes from the app's origin (http on the browser host, app://
// in Electron), the only place the CSP allows a worker script from. Made absolute from this chunk's own address, never
// the page's: the portal serves one index.html at /, /verify and /s/<token>, and a page-relative URL at /s/<token>
// would name /s/assets/.
const workerHref = new URL(workerUrl, import.meta.url).href;
pdfjs.GlobalWorkerOptions.workerSrc = workerHref;

/**
 * The folders electron.vite.config.ts copies out of pdfjs-dist: `pdfjs/` beside `assets/`, where the worker is (the
 * build's index.html sits beside both). Resolved from the worker, not from document.baseURI, for the same reason.
 */
const pdfjsFolder = (name: string) => new URL(`../pdfjs/${name}/`, workerHref).href;

/** One object for the app's lifetime: react-pdf reloads the document whenever `options` is a new object. */
export const pdfDocumentOptions: NonNullable<DocumentProps['options']> = {
  // The CSP has no 'unsafe-eval'; pdf.js would otherwise compile PDF functions with `new Function`.
  isEvalSupported: false,
  // WebAssembly would need 'wasm-unsafe-eval' in the CSP. Without it JPEG 2000 images decode with pdf.js's JavaScript
  // fallback, and ICC colour profiles give way to their alternate colour space: fine for a preview.
  useWasm: false,
  wasmUrl: pdfjsFolder('wasm'),
  cMapUrl: pdfjsFolder('cmaps'),
  cMapPacked: true,
  standardFontDataUrl: pdfjsFolder('standard_fonts'),
};

/** react-pdf's scale 1 draws a PDF point as a CSS pixel; paper size on screen is 96/72 of that. */
export const pointsToPercent = 75;
