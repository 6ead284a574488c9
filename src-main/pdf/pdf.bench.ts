import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, bench, describe } from 'vitest';
import { scanPdf, textPdf } from './bench-files';
import { peakMemory } from './bench-memory';
import { benchOperations, writeBenchKeys, type BenchKeys, type BenchOperation } from './bench-ops';
import { printSummary, type CaseFigures } from './bench-summary';
import { tempDir } from '../test-support/temp-services';

/**
 * Seal and verify against baselines measured in the same run: SHA-256 of the same bytes (the floor for anything that
 * must read every byte), @libpdf/core's sign() called directly (what our seal adds on top of the library), and the
 * full-rewrite pipeline other open-source tools use (pdf-lib re-saves the whole file with a placeholder, @signpdf signs).
 * Peak memory is measured per operation in a child process of its own; the summary at the end gives every figure as a
 * ratio: time to the SHA-256 of the same file, memory to the file's size.
 */
const makers: Record<string, () => Promise<Uint8Array>> = {
  '1 page': () => textPdf(1),
  '500 text pages': () => textPdf(500),
  '500 text pages, 80 font names a page': () => textPdf(500, { fontPerLine: true }),
  '10 MB scan': () => scanPdf(1, 10 * 1048576),
  '100 MB scan': () => scanPdf(10, 10 * 1048576),
};
/** Large files get a few timed runs instead of half a second's worth: one 100 MB full rewrite takes seconds. */
const few = { time: 0, iterations: 5, warmupTime: 0, warmupIterations: 1 };

const files: Record<string, Uint8Array> = {};
const sealedFiles: Record<string, Uint8Array> = {};
const memory: Record<string, Partial<Record<BenchOperation, number>>> = {};
const samples = new Map<string, number[]>();
let keys: BenchKeys;

/**
 * A bench that also keeps its own record of the timed runs (not the warm-up): vitest prints its tables but hands no
 * figures back for the summary.
 */
function measured(label: string, key: string, name: string, run: () => unknown): void {
  let timing = false;
  const runs: number[] = [];
  samples.set(key, runs);
  const note = (ms: number) => {
    if (timing) runs.push(ms);
  };
  const fn = () => {
    const t0 = performance.now();
    const out = run();
    if (out instanceof Promise) return out.then(() => note(performance.now() - t0));
    note(performance.now() - t0);
  };
  bench(label, fn, { ...(name.startsWith('100 MB') ? few : {}), setup: (_task, mode) => void (timing = mode === 'run') });
}

let dir = '';

beforeAll(async () => {
  dir = tempDir('signet-bench-');
  keys = await writeBenchKeys(dir);
  const peak = (op: BenchOperation, file: string) => peakMemory(op, file, dir);
  for (const [name, make] of Object.entries(makers)) {
    files[name] = await make();
    sealedFiles[name] = await benchOperations.seal(files[name]!, keys);
    const plain = path.join(dir, `${name}.pdf`);
    const sealed = path.join(dir, `${name}.sealed.pdf`);
    fs.writeFileSync(plain, files[name]!);
    fs.writeFileSync(sealed, sealedFiles[name]!);
    memory[name] = {
      sha256: peak('sha256', plain),
      seal: peak('seal', plain),
      libpdfSign: peak('libpdfSign', plain),
      fullRewrite: peak('fullRewrite', plain),
      verify: peak('verify', sealed),
    };
  }
  console.log(Object.entries(files).map(([n, b]) => `${n}: ${(b.length / 1048576).toFixed(1)} MB`).join(', '));
}, 900_000);

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  const median = (key: string) => {
    const runs = [...(samples.get(key) ?? [])].sort((x, y) => x - y);
    return runs.length ? runs[Math.floor((runs.length - 1) / 2)]! : NaN;
  };
  const figures: CaseFigures[] = Object.keys(makers).map((name) => ({
    name,
    bytes: files[name]?.length ?? NaN,
    ms: {
      sha256: median(`${name}|sha256`),
      sha256Sealed: median(`${name}|sha256 sealed`),
      seal: median(`${name}|seal`),
      libpdfSign: median(`${name}|libpdfSign`),
      fullRewrite: median(`${name}|fullRewrite`),
      verify: median(`${name}|verify`),
    },
    memory: memory[name] ?? {},
  }));
  printSummary(figures);
});

for (const name of Object.keys(makers)) {
  const plain = () => files[name]!;
  const sealed = () => sealedFiles[name]!;
  describe(`seal: ${name}`, () => {
    measured('baseline: SHA-256 of the file', `${name}|sha256`, name, () => benchOperations.sha256(plain()));
    measured('baseline: @libpdf/core sign() directly', `${name}|libpdfSign`, name, () => benchOperations.libpdfSign(plain(), keys));
    measured('baseline: full rewrite (pdf-lib save + @signpdf placeholder + P12 signer)', `${name}|fullRewrite`, name, () => benchOperations.fullRewrite(plain(), keys));
    measured('sealPdf', `${name}|seal`, name, () => benchOperations.seal(plain(), keys));
  });

  describe(`verify: ${name}`, () => {
    measured('baseline: SHA-256 of the sealed file', `${name}|sha256 sealed`, name, () => benchOperations.sha256(sealed()));
    measured('verifyPdf', `${name}|verify`, name, () => benchOperations.verify(sealed(), keys));
  });
}
