import { scaleLinear, scalePoint, scaleUtc, type ScaleLinear, type ScalePoint, type ScaleTime } from "d3-scale";
import { line } from "d3-shape";
import { formatDate } from "@/lib/questionnaire/format-answer";
import type { ChartSize, Tick } from "./types";

/** Scales and axes shared by the three charts: d3 computes domains, nice bounds and ticks. */

export const DEFAULT_SIZE: ChartSize = { width: 360, height: 220, margin: { top: 14, right: 14, bottom: 34, left: 40 } };

/** Okabe–Ito palette. */
export const COLOURS = { blue: "#0072B2", vermillion: "#D55E00", green: "#009E73", purple: "#CC79A7", black: "#000000" } as const;

const DAY = 86_400_000;
/** Room one date label needs ("21 November 2026" at the renderers' 11 px). */
const LABEL_WIDTH = 100;

export function plotOf(size: ChartSize) {
  const { width, height, margin } = size;
  return { left: margin.left, top: margin.top, right: width - margin.right, bottom: height - margin.bottom };
}
export type Plot = ReturnType<typeof plotOf>;

/**
 * An instant's clinic wall-clock time as if it were UTC: a UTC time scale then puts its ticks at
 * the clinic's midnights, and a check-in sits on its clinic date.
 */
export function clinicClock(iso: string, timeZone: string): { date: string; ms: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  return { date, ms: Date.parse(`${date}T00:00:00Z`) + (Number(parts.hour) * 60 + Number(parts.minute)) * 60_000 };
}

export const dateMs = (date: string) => Date.parse(`${date}T00:00:00Z`);

/** At most as many ticks as labels fit, keeping every k-th one (the first always). */
export function thin<T>(ticks: readonly T[], width: number): T[] {
  const fit = Math.max(2, Math.floor(width / LABEL_WIDTH) + 1);
  const every = Math.ceil(ticks.length / fit);
  return ticks.filter((_, i) => i % every === 0);
}

/** A time axis over clinic dates: at least a day either side of a single day, nice bounds, ticks at midnights. */
export function timeAxis(values: readonly number[], plot: Plot): { scale: ScaleTime<number, number>; ticks: Tick[] } {
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (hi - lo < 2 * DAY) [lo, hi] = [Math.floor(lo / DAY) * DAY - DAY, Math.floor(hi / DAY) * DAY + 2 * DAY];
  const width = plot.right - plot.left;
  const scale = scaleUtc().domain([lo, hi]).range([plot.left, plot.right]).nice();
  const midnights = scale.ticks(Math.max(2, Math.floor(width / LABEL_WIDTH))).filter((t) => t.getTime() % DAY === 0);
  const monthly = midnights.length > 1 && midnights.every((t) => t.getUTCDate() === 1);
  const ticks = thin(midnights, width).map((t) => {
    const iso = t.toISOString().slice(0, monthly ? 7 : 10);
    return { value: t.getTime(), position: scale(t), label: formatDate(iso) };
  });
  return { scale, ticks };
}

/** A linear y axis from `lo` to `hi`, made nice; `integers` keeps whole-number ticks only (counts). */
export function linearAxis(lo: number, hi: number, plot: Plot, integers = false): { scale: ScaleLinear<number, number>; ticks: Tick[] } {
  const scale = scaleLinear().domain([lo, hi]).range([plot.bottom, plot.top]).nice(5);
  const ticks = scale
    .ticks(5)
    .filter((v) => !integers || Number.isInteger(v))
    .map((v) => ({ value: v, position: scale(v), label: String(v) }));
  return { scale, ticks };
}

/** A point scale over keys (one per session), evenly spaced with half a step at each end. */
export function pointAxis(keys: readonly string[], plot: Plot): ScalePoint<string> {
  return scalePoint<string>().domain(keys).range([plot.left, plot.right]).padding(0.5);
}

/** SVG path data through the defined points (a gap where a value is missing); null with fewer than two. */
export function pathOf(points: readonly ({ x: number; y: number } | null)[]): string | null {
  if (points.filter((p) => p !== null).length < 2) return null;
  return line<{ x: number; y: number } | null>()
    .defined((p) => p !== null)
    .x((p) => p!.x)
    .y((p) => p!.y)(points);
}
