/**
 * Rounds whose sides are interleaved finely (issue 20: "ratios measured in one interleaved run").
 * This machine's speed drifts by ±40% from one five-second stretch to the next (a shared host), so
 * a round that runs the app for five seconds and then the floor for five compares two different
 * machines. Here each round is cut into `slices`: app slice, floor slice, app slice, … so both
 * sides of a round meet the same stretches; a side's round figure is its requests over its own time.
 */

/** What one slice of one side did. */
export interface Slice {
  ms: number;
  count: number;
  /** Each request's latency (ms), for percentiles over the round. */
  latencies: number[];
  errors: string[];
}

export interface SideRound {
  perSecond: number;
  latencies: number[];
  count: number;
  errors: string[];
}

/**
 * Runs `rounds` rounds of `slices` slices of every side in turn; `side(slice)` runs slice number
 * `slice` (0-based over the whole run, so a side can pick its own jobs). Returns [side][round].
 */
export async function interleavedRounds(rounds: number, slices: number, sides: ((slice: number) => Promise<Slice>)[]): Promise<SideRound[][]> {
  const out: SideRound[][] = sides.map(() => []);
  for (let r = 0; r < rounds; r++) {
    const parts: Slice[][] = sides.map(() => []);
    for (let k = 0; k < slices; k++) for (const [i, side] of sides.entries()) parts[i]!.push(await side(r * slices + k));
    for (const [i, list] of parts.entries()) {
      const ms = list.reduce((n, s) => n + s.ms, 0);
      const count = list.reduce((n, s) => n + s.count, 0);
      out[i]!.push({ perSecond: count / (ms / 1000), latencies: list.flatMap((s) => s.latencies), count, errors: list.flatMap((s) => s.errors) });
    }
  }
  return out;
}
