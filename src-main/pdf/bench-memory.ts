import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { BenchOperation } from './bench-ops';

const root = path.resolve(import.meta.dirname, '../..');

/**
 * The child's script. Once its modules are loaded it resets the kernel's high-water mark of its resident memory
 * (Linux: /proc/self/clear_refs), so the peak it reports is the operation's own: reading the file (which any of them
 * must hold) and everything allocated on top, not the module loading before it. Where there is no /proc to reset, it
 * reports nothing rather than a figure polluted by start-up. The module runner that loads TypeScript closes after the
 * import, so the child imports only plain data and functions from it.
 */
const script = `
  import fs from 'node:fs';
  const { runnerImport } = await import('vite');
  const { module } = await runnerImport(${JSON.stringify(path.join(root, 'src-main/pdf/bench-ops.ts'))});
  const keys = module.readBenchKeys(process.env.BENCH_KEYS);
  const status = (field) => 1024 * Number(fs.readFileSync('/proc/self/status', 'utf8').split('\\n').find((l) => l.startsWith(field))?.split(/\\s+/)[1]);
  let before = NaN;
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
    before = status('VmRSS:');
  } catch {}
  // A Buffer is a Uint8Array: passed as read, not copied.
  await module.benchOperations[process.env.BENCH_OP](fs.readFileSync(process.env.BENCH_FILE), keys);
  process.stdout.write(JSON.stringify({ peak: status('VmHWM:') - before }));
`;

/** Peak resident memory of one operation on one file, in a fresh process; NaN where it cannot be measured. */
export function peakMemory(op: BenchOperation, file: string, keysDir: string): number {
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: root,
    env: { ...process.env, BENCH_OP: op, BENCH_FILE: file, BENCH_KEYS: keysDir },
    encoding: 'utf8',
    timeout: 600_000,
    maxBuffer: 1 << 20,
  });
  if (child.status !== 0) throw new Error(`memory probe ${op} on ${file} failed: ${child.stderr || child.error?.message}`);
  const { peak } = JSON.parse(child.stdout) as { peak: number | null };
  return peak ?? NaN;
}
