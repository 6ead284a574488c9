import fs from 'node:fs';

/**
 * CPU time a process has used so far (user + system, all its threads), ms, read from /proc/<pid>/stat; undefined where
 * there is none (not Linux). On a machine shared with other work the latencies vary run to run with the load; the
 * server's own CPU time for the same flows varies far less, so the bench prints it beside them.
 */
export function cpuMsOf(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command, which is in parentheses and may hold spaces: utime and stime are the 14th and 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    // USER_HZ is 100 on every Linux Node runs on (sysconf(_SC_CLK_TCK), not exposed to JavaScript).
    return Number.isFinite(ticks) ? ticks * 10 : undefined;
  } catch {
    return undefined;
  }
}
