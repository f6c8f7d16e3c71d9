export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

let pending: string[] = [];

function flush(): void {
  if (pending.length === 0) return;
  const out = pending.join('');
  pending = [];
  process.stdout.write(out);
}

/**
 * Lines for stdout, written together once per turn of the event loop: stdout to a pipe or a file is a
 * synchronous write on Linux, and the access log writes a line per request (measured: one write per
 * request cost more than the rest of the logging). Whatever is pending is written when the process exits.
 */
function batchedStdout(line: string): void {
  if (pending.length === 0) {
    setImmediate(flush);
    if (!exitHooked) {
      exitHooked = true;
      process.once('exit', flush);
    }
  }
  pending.push(line);
}
let exitHooked = false;

/** Structured logs: one JSON object a line on stdout, ready for any log shipper. */
export function jsonLogger(level: LogLevel = 'info', write: (line: string) => void = batchedStdout): Logger {
  const emit = (lvl: LogLevel) => (msg: string, fields: Record<string, unknown> = {}) => {
    if (order[lvl] < order[level]) return;
    write(`${JSON.stringify({ time: new Date().toISOString(), level: lvl, msg, ...fields })}\n`);
  };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}
