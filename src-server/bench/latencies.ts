export interface LatencyRecord {
  samples: [string, number[]][];
  failures: [string, string[]][];
}

/** Milliseconds per request, kept by step, with the failures: what the load bench reports as p50/p99 and errors. */
export class Latencies {
  private readonly samples = new Map<string, number[]>();
  private readonly failures = new Map<string, string[]>();

  add(step: string, ms: number): void {
    const list = this.samples.get(step) ?? [];
    list.push(ms);
    this.samples.set(step, list);
  }

  fail(step: string, reason: string): void {
    const list = this.failures.get(step) ?? [];
    list.push(reason);
    this.failures.set(step, list);
  }

  /** Times `run` as `step`; a throw or an unexpected status counts as an error of that step and is rethrown. */
  async time<T>(step: string, run: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      const value = await run();
      this.add(step, performance.now() - started);
      return value;
    } catch (error) {
      this.fail(step, error instanceof Error ? error.message : String(error));
      throw error;
    }
  }

  /** Every sample and failure as plain data: what the load process sends back to the bench (Latencies.of reads it). */
  record(): LatencyRecord {
    return { samples: [...this.samples], failures: [...this.failures] };
  }

  static of(record: LatencyRecord): Latencies {
    const latencies = new Latencies();
    for (const [step, list] of record.samples) for (const ms of list) latencies.add(step, ms);
    for (const [step, list] of record.failures) for (const reason of list) latencies.fail(step, reason);
    return latencies;
  }

  steps(): string[] {
    return [...new Set([...this.samples.keys(), ...this.failures.keys()])];
  }

  summary(step: string): { count: number; errors: number; p50: number; p99: number; max: number; firstError?: string } {
    const sorted = [...(this.samples.get(step) ?? [])].sort((a, b) => a - b);
    const errors = this.failures.get(step) ?? [];
    return { count: sorted.length, errors: errors.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? NaN, ...(errors[0] ? { firstError: errors[0] } : {}) };
  }
}

/** The nearest-rank percentile of sorted samples (NaN for none). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** Runs `task(i)` for i in [0, n) with at most `concurrency` at once; settles every one, returns how many threw. */
export async function runConcurrently(n: number, concurrency: number, task: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  let failed = 0;
  const worker = async () => {
    while (next < n) {
      const i = next++;
      await task(i).catch(() => void failed++);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, worker));
  return failed;
}
