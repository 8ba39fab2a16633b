/** Small statistics for the benchmarks: median, min, max, percentiles of a list of samples. */
export interface Summary {
  median: number;
  min: number;
  max: number;
  p99: number;
  n: number;
}

export function summarize(samples: number[]): Summary {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { median: at(0.5), min: s[0]!, max: s.at(-1)!, p99: at(0.99), n: s.length };
}

export const fmt = (n: number, digits = 1) => n.toLocaleString("en-CA", { maximumFractionDigits: digits, minimumFractionDigits: digits });
