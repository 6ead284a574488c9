/** Structured JSON lines on stderr: one event per line, machine-readable for support and tests. */
export interface Log {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, error?: unknown, fields?: Record<string, unknown>): void;
}

export function createLog(write: (line: string) => void = (line) => process.stderr.write(line)): Log {
  const emit = (level: string, msg: string, fields?: Record<string, unknown>) =>
    write(`${JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields })}\n`);
  return {
    info: (msg, fields) => emit('info', msg, fields),
    warn: (msg, fields) => emit('warn', msg, fields),
    error: (msg, error, fields) =>
      emit('error', msg, { ...fields, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  };
}

/** For tests that do not read the log. */
export const silentLog: Log = { info: () => {}, warn: () => {}, error: () => {} };
