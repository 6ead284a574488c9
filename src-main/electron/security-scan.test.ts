import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/*
 * Electronegativity (Doyensec's scanner for Electron misconfigurations) over the code that ships in the app
 * (issue 10, item 8): no finding of high or medium severity. Accepted findings are switched off beside the code with
 * an `eng-disable` comment that says why (one: the signet:// protocol handler in main.ts, which the issue asks for).
 */

interface Finding {
  id: string;
  file: string;
  location: { line: number; column: number };
  severity: { name: string };
  confidence: { name: string };
}
interface ScanResult {
  atomicChecks: number;
  globalChecks: number;
  errors: { file: string; message: string; tolerable: boolean }[];
  issues: Finding[];
}
type Run = (options: Record<string, unknown>) => Promise<ScanResult>;

const require = createRequire(import.meta.url);
// Its package's main export is the programmatic runner itself (CommonJS).
const run = require('@doyensec/electronegativity') as Run;
const root = path.resolve(import.meta.dirname, '../..');
/** The Electron the app is built with, as installed: the scanner's own detection reads a range, not a version. */
const electronVersion = (require('electron/package.json') as { version: string }).version;
const scratch = mkdtempSync(path.join(tmpdir(), 'signet-scan-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const shipped = /\.(ts|tsx|html)$/;
const notShipped = /\.(test|bench)\.tsx?$|\.d\.ts$/;

/** A copy of what the app is built from (its tests and benches left out), since the scanner takes one folder. */
function stageShippedSources(): string {
  const dir = path.join(scratch, 'app');
  for (const folder of ['src-main', 'src-renderer', 'src-shared']) {
    cpSync(path.join(root, folder), path.join(dir, folder), {
      recursive: true,
      filter: (source) => !source.includes(`${path.sep}test-support`) && (!/\.[a-z]+$/.test(source) || (shipped.test(source) && !notShipped.test(source))),
    });
  }
  cpSync(path.join(root, 'package.json'), path.join(dir, 'package.json'));
  return dir;
}

function scan(input: string): Promise<ScanResult> {
  return run({
    input,
    isRelative: true,
    electronVersionOverride: electronVersion,
    // This one compares the version with Electron's release list fetched from GitHub, which CI cannot reach; the
    // version is kept current by the dependency updates instead.
    excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
    customScan: [],
  });
}

const stagedApp = stageShippedSources();
const serious = (finding: Finding) => finding.severity.name === 'HIGH' || finding.severity.name === 'MEDIUM';
const describeFinding = (f: Finding) => `${f.id} ${f.severity.name}/${f.confidence.name} ${f.file}:${f.location.line}`;

describe('the Electron security scan (electronegativity)', () => {
  it('finds nothing of high or medium severity in the code the app ships, and reads every file of it', async () => {
    const result = await scan(stagedApp);
    expect(result.atomicChecks).toBeGreaterThan(20);
    expect(result.errors.filter((e) => !e.tolerable)).toEqual([]);
    expect(result.issues.filter(serious).map(describeFinding)).toEqual([]);
  }, 120_000);

  it('switches off only the findings accepted and explained beside the code', () => {
    const accepted: string[] = [];
    for (const file of readdirSync(stagedApp, { recursive: true, encoding: 'utf8' })) {
      if (!shipped.test(file)) continue;
      readFileSync(path.join(stagedApp, file), 'utf8').split('\n').forEach((line, index, lines) => {
        const disabled = /eng-disable\s+([A-Z_ ]+)/.exec(line);
        // Each annotation has its reason in the comment just above.
        if (disabled) accepted.push(`${file.split(path.sep).join('/')} ${disabled[1]!.trim()} ${/Accepted scanner finding/.test(lines.slice(Math.max(0, index - 5), index).join(' ')) ? 'explained' : 'unexplained'}`);
      });
    }
    expect(accepted.sort()).toEqual([
      'src-main/electron/main.ts PROTOCOL_HANDLER_JS_CHECK explained',
      'src-main/electron/main.ts PROTOCOL_HANDLER_JS_CHECK explained',
      'src-main/electron/window-options.ts PRELOAD_JS_CHECK explained',
    ]);
  });

  it('does report a window without isolation or sandbox, a page without a CSP, and no navigation or permission guard', async () => {
    const dir = path.join(scratch, 'insecure');
    cpSync(path.join(root, 'package.json'), path.join(dir, 'package.json'));
    writeFileSync(
      path.join(dir, 'main.ts'),
      "import { BrowserWindow } from 'electron';\nexport const w = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false } });\n",
    );
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><html><head><title>x</title></head><body></body></html>\n');
    const found = (await scan(dir)).issues.filter(serious).map((f) => f.id);
    expect(found).toEqual(
      expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'CSP_GLOBAL_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK', 'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK']),
    );
  }, 120_000);
});
