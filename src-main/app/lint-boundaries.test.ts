import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The folder boundaries are enforced by ESLint; this proves the rules bite, on code written as each folder would hold it. */
const root = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function ruleIds(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('ESLint folder boundaries', () => {
  it('keeps DOM code out of src-main', async () => {
    expect(await ruleIds('src-main/services/x.ts', 'export const w = document.title;\n')).toContain('no-restricted-globals');
    expect(await ruleIds('src-main/services/x.ts', "import React from 'react';\nexport const r = React;\n")).toContain('no-restricted-imports');
  });

  it('keeps Node code and main-side modules out of src-renderer', async () => {
    expect(await ruleIds('src-renderer/x.ts', "import fs from 'node:fs';\nexport const f = fs;\n")).toContain('no-restricted-imports');
    expect(await ruleIds('src-renderer/x.ts', "import path from 'path';\nexport const p = path;\n")).toContain('no-restricted-imports');
    expect(await ruleIds('src-renderer/x.ts', "import D from 'better-sqlite3';\nexport const d = D;\n")).toContain('no-restricted-imports');
    expect(await ruleIds('src-renderer/x.ts', "import { openStore } from '../src-main/store/open-store';\nexport const o = openStore;\n")).toContain('no-restricted-imports');
    expect(await ruleIds('src-renderer/x.ts', 'export const e = process.env;\n')).toContain('no-restricted-globals');
  });

  it('keeps both out of src-shared', async () => {
    expect(await ruleIds('src-shared/x.ts', 'export const w = window.location;\n')).toContain('no-restricted-globals');
    expect(await ruleIds('src-shared/x.ts', 'export const b = Buffer.from("x");\n')).toContain('no-restricted-globals');
    expect(await ruleIds('src-shared/x.ts', "import os from 'node:os';\nexport const o = os;\n")).toContain('no-restricted-imports');
  });

  it('lets only src-main/electron import Electron', async () => {
    expect(await ruleIds('src-main/services/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toContain('no-restricted-imports');
    expect(await ruleIds('src-renderer/x.ts', "import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;\n")).toContain('no-restricted-imports');
    expect(await ruleIds('src-main/electron/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual([]);
  });

  it('keeps the company server to plain Node: src-main and src-shared, never the renderer or the Electron shell', async () => {
    expect(await ruleIds('src-server/x.ts', "import { App } from '../src-renderer/App';\nexport const a = App;\n")).toContain('no-restricted-imports');
    expect(await ruleIds('src-server/http/x.ts', "import { bridgeCallNames } from '../../src-main/electron/bridge-names';\nexport const b = bridgeCallNames;\n")).toContain('no-restricted-imports');
    expect(await ruleIds('src-server/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toContain('no-restricted-imports');
    expect(await ruleIds('src-server/x.ts', 'export const w = document.title;\n')).toContain('no-restricted-globals');
    expect(await ruleIds('src-server/x.ts', "import { openSqliteStore } from '../src-main/store/open-sqlite';\nimport { serverUrlSchema } from '../src-shared/company-server/server-url';\nexport const o = [openSqliteStore, serverUrlSchema];\n")).toEqual([]);
  });

  it('accepts clean code on each side', async () => {
    expect(await ruleIds('src-shared/x.ts', 'export const n = 1;\n')).toEqual([]);
    expect(await ruleIds('src-main/services/x.ts', "import fs from 'node:fs';\nexport const f = fs;\n")).toEqual([]);
    expect(await ruleIds('src-renderer/x.ts', 'export const t = document.title;\n')).toEqual([]);
  });
});
