import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

const root = import.meta.dirname;

/**
 * pdf.js fetches its character maps, the standard 14 fonts and its JPEG 2000 decoder by file name at run time (the
 * preview sets `cMapUrl`, `standardFontDataUrl` and `wasmUrl` to these folders), so they cannot be bundled; they are
 * copied as they are to `pdfjs/` in the renderer output, on the app's own origin, where the CSP lets them load. Of
 * the decoders only the plain-JavaScript one is copied: the preview runs with `useWasm: false`, since WebAssembly would
 * need `'wasm-unsafe-eval'` in the CSP.
 */
function pdfjsAssets(): Plugin {
  const pdfjsDir = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  const copied: Record<string, (name: string) => boolean> = {
    cmaps: () => true,
    standard_fonts: () => true,
    wasm: (name) => name === 'openjpeg_nowasm_fallback.js' || name.startsWith('LICENSE_'),
  };
  return {
    name: 'signet-pdfjs-assets',
    apply: 'build',
    generateBundle() {
      for (const [folder, wanted] of Object.entries(copied)) {
        for (const name of readdirSync(join(pdfjsDir, folder)).filter(wanted)) {
          this.emitFile({ type: 'asset', fileName: `pdfjs/${folder}/${name}`, source: readFileSync(join(pdfjsDir, folder, name)) });
        }
      }
    },
  };
}

/**
 * Explicit inputs for this layout (electron-vite's defaults expect src/main, src/preload, src/renderer).
 * The main build has four entries: the Electron shell; the browser host, which runs the same services under plain Node;
 * the `signet` CLI; and the company server (src-server), which reuses src-main's modules under plain Node too.
 */
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          'electron-main': resolve(root, 'src-main/electron/main.ts'),
          'web-host': resolve(root, 'src-main/web/host.ts'),
          'signet-cli': resolve(root, 'src-main/cli/bin.ts'),
          'signet-server': resolve(root, 'src-server/main.ts'),
          // The server's seal thread (src-server/sealing/seal-thread.ts): its own entry, since a worker runs a file.
          'seal-worker': resolve(root, 'src-server/sealing/seal-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { preload: resolve(root, 'src-main/electron/preload.ts') },
        // A sandboxed preload cannot be an ES module.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src-renderer'),
    plugins: [react(), pdfjsAssets()],
    build: {
      // Most of the bundle is phone-number metadata; minified it loads noticeably faster in the browser host.
      minify: true,
      outDir: resolve(root, 'out/renderer'),
      rollupOptions: {
        // The company server's portal (src-renderer/portal) is a second page of the same build, from the same components
        // and chunks: out/renderer/portal/index.html, served by src-server/http/portal-routes.ts.
        input: { index: resolve(root, 'src-renderer/index.html'), portal: resolve(root, 'src-renderer/portal/index.html') },
        // Modules run in the order they are imported even when split across chunks: src-renderer/zod-jitless.ts must
        // configure zod before any schema parses, and a chunk shared by the entry and a lazy section (the contract, say)
        // would otherwise run first, and its zod probe of `new Function` would be reported as a CSP violation.
        output: { strictExecutionOrder: true },
      },
    },
  },
});
