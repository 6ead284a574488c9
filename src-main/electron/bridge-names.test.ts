import path from 'node:path';
import { build, type Rolldown } from 'vite';
import { describe, expect, it } from 'vitest';
import { callNames } from '../../src-shared/contract/calls';
import { ipcChannel, progressChannel } from '../rpc/ipc-handlers';
import { bridgeCallNames, bridgeChannel, bridgeProgressChannel } from './bridge-names';

describe("the preload's copy of the contract names", () => {
  it('names every contract call exactly once and nothing else', () => {
    expect([...bridgeCallNames].sort()).toEqual([...callNames].sort());
    expect(new Set(bridgeCallNames).size).toBe(bridgeCallNames.length);
  });

  it('uses the channels the main process registers', () => {
    for (const name of callNames) expect(bridgeChannel(name)).toBe(ipcChannel(name));
    expect(bridgeProgressChannel).toBe(progressChannel);
  });
});

describe('the preload bundle', () => {
  it('requires nothing at run time but electron (a sandboxed preload cannot load node_modules)', async () => {
    // Mirrors the preload build of electron.vite.config.ts: CommonJS, and (like electron-vite's externalizeDeps)
    // every bare import left as a require(). Only 'electron' may remain.
    const output = await build({
      configFile: false,
      logLevel: 'silent',
      root: path.resolve(import.meta.dirname, '../..'),
      build: {
        write: false,
        minify: false,
        emptyOutDir: false,
        lib: { entry: path.resolve(import.meta.dirname, 'preload.ts'), formats: ['cjs'], fileName: 'preload' },
        rolldownOptions: { external: (id: string) => !id.startsWith('.') && !path.isAbsolute(id) && !id.startsWith('\0') },
      },
    });
    const results = (Array.isArray(output) ? output : [output]) as Rolldown.RolldownOutput[];
    const chunks = results.flatMap((r) => r.output).filter((o): o is Rolldown.OutputChunk => o.type === 'chunk');
    expect(chunks).toHaveLength(1);
    const required = [...chunks[0]!.code.matchAll(/require\((["'])([^"']+)\1\)/g)].map((m) => m[2]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(chunks[0]!.imports).toEqual(['electron']);
  }, 60_000);
});
