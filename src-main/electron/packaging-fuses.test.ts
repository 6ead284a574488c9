import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { flipAppFuses, packagedBinary, productionFuses, testBuildFuses, type PackContext } from '../../scripts/lib/app-fuses.mjs';

/*
 * The packaging step that flips Electron's fuses (issue 10, item 3), run against a stand-in binary: the fuse wire is
 * a sentinel, a version byte, a length byte and one byte per fuse, which is all @electron/fuses reads and writes, so
 * this exercises the same code path as a real Electron binary (which cannot be downloaded here).
 */
const sentinel = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const [disable, enable] = [48, 49];
const scratch = mkdtempSync(path.join(tmpdir(), 'signet-fuses-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** An "Electron binary" whose wire has `length` fuses, all at Electron's defaults (every one on). */
function standInBinary(file: string, length = 8): Buffer {
  const bytes = Buffer.concat([Buffer.from('\x7fELF…code…'), Buffer.from(sentinel), Buffer.from([1, length]), Buffer.alloc(length, enable), Buffer.from('…more code')]);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, bytes);
  return bytes;
}

function wireOf(file: string): number[] {
  const bytes = readFileSync(file);
  const at = bytes.indexOf(sentinel) + sentinel.length;
  return [...bytes.subarray(at + 2, at + 2 + bytes[at + 1]!)];
}

/** The wire a binary of `length` fuses should end with: the fuses in their wire order, as many as it has. */
const expectedWire = (fuses: typeof productionFuses, length = 8) => Object.values(fuses).slice(0, length).map((on) => (on ? enable : disable));

function linuxContext(name: string): PackContext {
  return { appOutDir: path.join(scratch, name), electronPlatformName: 'linux', arch: 1, packager: { appInfo: { productFilename: 'Signet' }, executableName: 'signet' } };
}

describe('the afterPack step that sets the fuses', () => {
  it('flips every fuse of the packaged binary to production, and only the wire changes', async () => {
    const context = linuxContext('prod');
    const before = standInBinary(packagedBinary(context));
    await flipAppFuses(context, {});
    const after = readFileSync(packagedBinary(context));
    expect(wireOf(packagedBinary(context))).toEqual(expectedWire(productionFuses));
    expect(after.length).toBe(before.length);
    const changed = [...after].flatMap((byte, i) => (byte === before[i] ? [] : [i]));
    const wireStart = before.indexOf(sentinel) + sentinel.length + 2;
    expect(changed.every((i) => i >= wireStart && i < wireStart + 8)).toBe(true);
  });

  it('keeps the inspector on in the test build (SIGNET_TEST_BUILD=1) and nothing else', async () => {
    const context = linuxContext('test');
    standInBinary(packagedBinary(context));
    await flipAppFuses(context, { SIGNET_TEST_BUILD: '1' });
    const wire = wireOf(packagedBinary(context));
    expect(wire).toEqual(expectedWire(testBuildFuses));
    expect(wire[3]).toBe(enable);
    expect(wire[0]).toBe(disable);
  });

  it('sets Electron 41\u2019s ninth fuse (WasmTrapHandlers), which @electron/fuses 1.x does not know, on the wire itself', async () => {
    const context = linuxContext('nine');
    standInBinary(packagedBinary(context), 9);
    expect((await flipAppFuses(context, {})).fuses).toEqual(productionFuses);
    expect(wireOf(packagedBinary(context))).toEqual(expectedWire(productionFuses, 9));
    expect(wireOf(packagedBinary(context))[8]).toBe(enable);
  });

  it('fails the build on a binary without fuses, and on a newer Electron with a fuse not decided here', async () => {
    const none = linuxContext('none');
    mkdirSync(none.appOutDir, { recursive: true });
    writeFileSync(packagedBinary(none), 'not electron');
    await expect(flipAppFuses(none, {})).rejects.toThrow(/sentinel/);
    const newer = linuxContext('newer');
    const before = standInBinary(packagedBinary(newer), 10);
    await expect(flipAppFuses(newer, {})).rejects.toThrow(/has fuses this build has not decided \(wire places 9\)/);
    // Refused before anything was written.
    expect(readFileSync(packagedBinary(newer)).equals(before)).toBe(true);
  });

  it('names the binary per platform as electron-builder lays it out, and is the hook electron-builder.yml runs', async () => {
    const base = { appOutDir: '/out', arch: 1, packager: { appInfo: { productFilename: 'Signet' }, executableName: 'signet' } };
    expect(packagedBinary({ ...base, electronPlatformName: 'win32' })).toBe(path.join('/out', 'Signet.exe'));
    expect(packagedBinary({ ...base, electronPlatformName: 'darwin' })).toBe(path.join('/out', 'Signet.app'));
    expect(packagedBinary({ ...base, electronPlatformName: 'linux' })).toBe(path.join('/out', 'signet'));
    const root = path.resolve(import.meta.dirname, '../..');
    const config = parse(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as { afterPack: string };
    const hook = (await import(path.join(root, config.afterPack))) as { default: (context: PackContext) => Promise<void> };
    const context = linuxContext('hook');
    standInBinary(packagedBinary(context));
    await hook.default(context);
    expect(wireOf(packagedBinary(context))).toEqual(expectedWire(productionFuses));
  });
});
