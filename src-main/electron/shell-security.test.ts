import { describe, expect, it } from 'vitest';
import { productionFuses, testBuildFuses } from '../../scripts/lib/app-fuses.mjs';
import type { BrowserWindowConstructorOptions } from 'electron';
import { constructMainWindow, type BrowserWindowClass } from './window-options';

/*
 * The shell's security settings asserted from its own configuration objects (issue 10, item 3): the same objects
 * window.ts and the packaging step use, so what is tested here is what the app runs with.
 */
describe("the shell's security settings", () => {
  it('the window: no Node in the renderer, sandboxed, context-isolated, no webview, no insecure content', () => {
    const made: BrowserWindowConstructorOptions[] = [];
    const Recorder = function (this: unknown, options: BrowserWindowConstructorOptions) {
      made.push(options);
    } as unknown as BrowserWindowClass;
    constructMainWindow(Recorder, '/app/out/preload/preload.cjs');
    expect(made).toHaveLength(1);
    const web = made[0]!.webPreferences!;
    expect(web).toMatchObject({
      preload: '/app/out/preload/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      disableBlinkFeatures: 'Auxclick',
    });
  });

  it('the fuses: nothing runs the signed binary as something else; the test build keeps only the inspector', () => {
    expect(productionFuses).toMatchObject({ RunAsNode: false, EnableCookieEncryption: true, EnableNodeOptionsEnvironmentVariable: false, EnableNodeCliInspectArguments: false, EnableEmbeddedAsarIntegrityValidation: true, OnlyLoadAppFromAsar: true, GrantFileProtocolExtraPrivileges: false, WasmTrapHandlers: true });
    const differs = (Object.keys(productionFuses) as (keyof typeof productionFuses)[]).filter((k) => productionFuses[k] !== testBuildFuses[k]);
    expect(differs).toEqual(['EnableNodeCliInspectArguments']);
    expect(testBuildFuses.EnableNodeCliInspectArguments).toBe(true);
  });
});
