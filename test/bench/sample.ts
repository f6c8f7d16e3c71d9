/** What the benches share: a sample's median and 99th percentile, and the time one call takes. */

export function stats(samples: number[]): { median: number; p99: number; n: number } {
  const s = [...samples].sort((x, y) => x - y);
  const at = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]!;
  return { median: at(0.5), p99: at(0.99), n: s.length };
}

/** Milliseconds `fn` took. */
export async function time(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}
