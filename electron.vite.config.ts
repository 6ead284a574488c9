import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const root = import.meta.dirname;

/**
 * Explicit inputs for this layout (electron-vite's defaults expect src/main, src/preload, src/renderer).
 * The main build has two entries: the Electron shell and the browser host, which runs the same services under plain Node.
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
    plugins: [react()],
    build: {
      // Most of the bundle is phone-number metadata; minified it loads noticeably faster in the browser host.
      minify: true,
      outDir: resolve(root, 'out/renderer'),
      rollupOptions: { input: { index: resolve(root, 'src-renderer/index.html') } },
    },
  },
});
