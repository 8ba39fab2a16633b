import type { EndReason, Phase } from "./course-fields";
import { outcomeOf } from "./outcome";

/**
 * The clinic outcome report (treatment-course.md, "Outcomes", "Clinic outcome report"): pure
 * aggregation of per-course facts into one row per bipolar type and one overall.
 *
 * Readings of the spec, fixed here (and in docs/course-report.md):
 * - "acute phase completed": the course reached maintenance (now in it, or ended after it), or ended
 *   with `completed` straight from acute. Its share is of every course in the cell (open acute courses
 *   included: they have not completed it yet).
 * - response and remission: `outcomeOf` decides (response counts remissions too); the denominator is
 *   the courses whose outcome is measurable — baseline ≥ 10 and at least one check-in.
 * - switch signs and adverse event shares, median sessions: of every course in the cell. Sessions are
 *   counted once each however often corrected.
 * - small cells: every count below 5 (zero included) is shown as "fewer than 5", and a rate is withheld
 *   when its numerator or its denominator is below 5. When exactly one bipolar type hides a count that
 *   the overall row and the other types would give away by subtraction, the next smallest is hidden too.
 */

export const REPORT_BUCKETS = ["bipolar_1", "bipolar_2", "other_unsure"] as const;
export type ReportBucket = (typeof REPORT_BUCKETS)[number];
export const BUCKET_LABELS: Readonly<Record<ReportBucket | "overall", string>> = {
  bipolar_1: "Bipolar I",
  bipolar_2: "Bipolar II",
  other_unsure: "Other or unsure",
  overall: "All courses",
};

/** Below this a count is not shown, and a rate built on it is withheld. */
export const SMALL_CELL = 5;
export const FEWER_THAN = `fewer than ${SMALL_CELL}`;

/** The seed's published figure, worded as context (the one place it is written). */
export const PUBLISHED_CONTEXT =
  "Published cohorts of treatment-resistant bipolar depression report response in about 30–50% of people; this clinic's figures are its own and are not a prediction for any one person.";

/** What the report needs of one course. `bipolarType` is the intake's `bipolar_type` answer (null if absent). */
export interface ReportCourseFacts {
  readonly startedOn: string;
  readonly bipolarType: string | null;
  readonly phase: Phase;
  readonly endReason: EndReason | null;
  /** Whether the course was ever moved to maintenance. */
  readonly reachedMaintenance: boolean;
  readonly baselinePhq9: number;
  /** The PHQ-9 total of the course's latest check-in; null without one. */
  readonly latestPhq9: number | null;
  readonly sessions: number;
  readonly checkins: number;
  /** Whether SWITCH_SIGNS fired on any of the course's check-ins (as stored). */
  readonly switchSigns: boolean;
}

export const bucketOf = (bipolarType: string | null): ReportBucket =>
  bipolarType === "bipolar_1" ? "bipolar_1" : bipolarType === "bipolar_2" ? "bipolar_2" : "other_unsure";

export const acuteCompleted = (c: Pick<ReportCourseFacts, "reachedMaintenance" | "endReason">): boolean => c.reachedMaintenance || c.endReason === "completed";

/** A count as shown: its value, or withheld as fewer than 5. */
export type ShownCount = { readonly value: number } | { readonly fewerThan: typeof SMALL_CELL };
export interface Interval {
  readonly low: number;
  readonly high: number;
}
export interface RateCell {
  readonly numerator: ShownCount;
  readonly denominator: ShownCount;
  /** null: withheld. */
  readonly rate: number | null;
  readonly interval: Interval | null;
}
export interface ReportRow {
  readonly bucket: ReportBucket | "overall";
  readonly courses: ShownCount;
  readonly acuteCompleted: RateCell;
  readonly response: RateCell;
  readonly remission: RateCell;
  readonly switchSigns: RateCell;
  readonly adverseEvent: RateCell;
  /** null: withheld (fewer than 5 courses) or no courses. */
  readonly medianSessions: number | null;
}
export const RATE_MEASURES = ["acuteCompleted", "response", "remission", "switchSigns", "adverseEvent"] as const;
export type RateMeasure = (typeof RATE_MEASURES)[number];

/** z for a two-sided 95% interval. */
const Z95 = 1.959963984540054;

/** Wilson score interval for k successes in n (n > 0). */
export function wilson(k: number, n: number, z = Z95): Interval {
  if (!(n > 0) || k < 0 || k > n) throw new RangeError(`wilson: need 0 ≤ k ≤ n, n > 0 (got ${k}/${n})`);
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // Clamp float noise at the ends (k = 0 gives exactly 0 in exact arithmetic).
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** The median; the mean of the middle two for an even count; null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

interface RawRow {
  bucket: ReportBucket | "overall";
  courses: number;
  counts: Record<RateMeasure, { k: number; n: number }>;
  sessions: number[];
}

function raw(bucket: RawRow["bucket"], facts: readonly ReportCourseFacts[]): RawRow {
  const n = facts.length;
  const outcomes = facts.map((f) => outcomeOf(f.baselinePhq9, f.latestPhq9));
  const measurable = outcomes.filter((o) => o !== "no_checkins" && o !== "not_measurable").length;
  return {
    bucket,
    courses: n,
    counts: {
      acuteCompleted: { k: facts.filter(acuteCompleted).length, n },
      response: { k: outcomes.filter((o) => o === "response" || o === "remission").length, n: measurable },
      remission: { k: outcomes.filter((o) => o === "remission").length, n: measurable },
      switchSigns: { k: facts.filter((f) => f.switchSigns).length, n },
      adverseEvent: { k: facts.filter((f) => f.phase === "ended" && f.endReason === "stopped_adverse_event").length, n },
    },
    sessions: facts.map((f) => f.sessions),
  };
}

const shown = (value: number, hidden: boolean): ShownCount => (hidden || value < SMALL_CELL ? { fewerThan: SMALL_CELL } : { value });

function rateCell({ k, n }: { k: number; n: number }, hideK: boolean, hideN: boolean): RateCell {
  const numerator = shown(k, hideK);
  const denominator = shown(n, hideN);
  if ("fewerThan" in numerator || "fewerThan" in denominator) return { numerator, denominator, rate: null, interval: null };
  return { numerator, denominator, rate: k / n, interval: wilson(k, n) };
}

/**
 * Which buckets' values must be hidden besides those below 5: if exactly one bucket is small, the
 * overall value minus the others would give it away, so the smallest of the others is hidden too.
 */
function complementary(values: readonly number[]): boolean[] {
  const small = values.map((v) => v < SMALL_CELL);
  if (small.filter(Boolean).length !== 1) return small;
  let pick = -1;
  values.forEach((v, i) => {
    if (!small[i] && (pick < 0 || v < values[pick]!)) pick = i;
  });
  return small.map((s, i) => s || i === pick);
}

/** The report's rows: one per bipolar type (REPORT_BUCKETS order), then overall. */
export function clinicReport(facts: readonly ReportCourseFacts[]): ReportRow[] {
  const rows = [...REPORT_BUCKETS.map((b) => raw(b, facts.filter((f) => bucketOf(f.bipolarType) === b))), raw("overall", facts)];
  const buckets = rows.slice(0, REPORT_BUCKETS.length);
  const hide = (pick: (r: RawRow) => number): boolean[] => [...complementary(buckets.map(pick)), false];
  const coursesHidden = hide((r) => r.courses);
  const hidden = Object.fromEntries(
    RATE_MEASURES.map((m) => [m, { k: hide((r) => r.counts[m].k), n: m === "response" || m === "remission" ? hide((r) => r.counts[m].n) : coursesHidden }]),
  ) as Record<RateMeasure, { k: boolean[]; n: boolean[] }>;
  return rows.map((r, i) => {
    const few = coursesHidden[i]! || r.courses < SMALL_CELL;
    const cell = (m: RateMeasure) => rateCell(r.counts[m], hidden[m].k[i]! || few, hidden[m].n[i]! || few);
    return {
      bucket: r.bucket,
      courses: shown(r.courses, coursesHidden[i]!),
      acuteCompleted: cell("acuteCompleted"),
      response: cell("response"),
      remission: cell("remission"),
      switchSigns: cell("switchSigns"),
      adverseEvent: cell("adverseEvent"),
      medianSessions: few ? null : median(r.sessions),
    };
  });
}

/** A count as text: the number, or "fewer than 5". */
export const countText = (c: ShownCount): string => ("value" in c ? String(c.value) : FEWER_THAN);
/** A share as a percentage with one decimal; "withheld" when withheld. */
export const percentText = (x: number | null): string => (x === null ? "withheld" : `${(Math.round(x * 1000) / 10).toFixed(1)}%`);
