import type { BenchOperation } from './bench-ops';

export interface CaseFigures {
  name: string;
  bytes: number;
  /** Median milliseconds; `sha256Sealed` is the hash of the sealed file, the baseline for verification. */
  ms: Record<BenchOperation | 'sha256Sealed', number>;
  /** Peak resident bytes of the operation alone (the file it read included). */
  memory: Partial<Record<BenchOperation, number>>;
}

const ratio = (x: number | undefined, y: number) => (x === undefined || !Number.isFinite(x) || !(y > 0) ? 'n/a' : `${(x / y).toFixed(1)}×`);
/** Below a megabyte a process's own noise dwarfs the file: the peak is given in megabytes, not as a ratio. */
const peak = (bytes: number | undefined, fileSize: number) =>
  fileSize < 1048576 ? (bytes === undefined ? 'n/a' : `${(bytes / 1048576).toFixed(0)} MB`) : ratio(bytes, fileSize);

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ')).join('\n');
}

/** The goals, each with its figure, met or not: the figures are printed either way. */
function goals(figures: CaseFigures[]): string[] {
  const big = figures.find((f) => f.name === '100 MB scan');
  const lines: string[] = [];
  for (const text of figures.filter((f) => f.name.startsWith('500 text pages'))) {
    const speedup = text.ms.fullRewrite / text.ms.seal;
    lines.push(`seal ≥ 5× faster than the full rewrite on ${text.name}: ${speedup.toFixed(1)}× — ${speedup >= 5 ? 'met' : 'MISSED'}`);
  }
  if (big) {
    const verify = big.ms.verify / big.ms.sha256Sealed;
    lines.push(`verify ≤ 2× SHA-256 on 100 MB: ${verify.toFixed(1)}× — ${verify <= 2 ? 'met' : 'MISSED'}`);
    for (const op of ['seal', 'verify'] as const) {
      const peak = (big.memory[op] ?? NaN) / big.bytes;
      lines.push(`peak memory ≤ 3× the file on 100 MB (${op}): ${peak.toFixed(1)}× — ${peak <= 3 ? 'met' : 'MISSED'}`);
    }
  }
  return lines;
}

export function printSummary(figures: CaseFigures[]): void {
  const head = ['case', 'MB', 'sealPdf', 'libpdf sign', 'full rewrite', 'full÷seal', 'verifyPdf', 'mem seal', 'mem verify', 'mem libpdf', 'mem full', 'mem SHA'];
  const rows = figures.map((f) => [
    f.name,
    (f.bytes / 1048576).toFixed(1),
    ratio(f.ms.seal, f.ms.sha256),
    ratio(f.ms.libpdfSign, f.ms.sha256),
    ratio(f.ms.fullRewrite, f.ms.sha256),
    ratio(f.ms.fullRewrite, f.ms.seal),
    ratio(f.ms.verify, f.ms.sha256Sealed),
    peak(f.memory.seal, f.bytes),
    peak(f.memory.verify, f.bytes),
    peak(f.memory.libpdfSign, f.bytes),
    peak(f.memory.fullRewrite, f.bytes),
    peak(f.memory.sha256, f.bytes),
  ]);
  const ms = figures.map((f) => `${f.name}: SHA-256 ${f.ms.sha256.toFixed(2)} ms, sealPdf ${f.ms.seal.toFixed(1)} ms, verifyPdf ${f.ms.verify.toFixed(1)} ms`);
  console.log(
    [
      '',
      "Summary — time as a multiple of SHA-256 of the same file (verify: of the sealed file); memory (mem) as the operation's peak RSS (the file it read included) ÷ file size",
      table([head, ...rows]),
      "libpdf sign: @libpdf/core's sign() run to its end, as sealPdf called it before it took the signed bytes without the re-parse after",
      ...ms,
      '',
      ...goals(figures),
      '',
    ].join('\n'),
  );
}
