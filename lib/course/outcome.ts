import { MEASURABLE_BASELINE } from "./rules-course";

/** The course outcome from PHQ-9 totals (treatment-course.md, "Outcomes" and the CLI output). */

export const OUTCOMES = ["no_checkins", "not_measurable", "remission", "response", "partial_response", "no_response"] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface CourseOutcome {
  readonly latestPhq9: number | null;
  readonly changeFromBaseline: number | null;
  readonly percentChange: number | null;
  readonly outcome: Outcome;
}

/** Remission: latest total at most this. */
export const REMISSION_MAX = 4;

/** The first case that holds, in the spec's order; the percentages compared as exact integers. */
export function outcomeOf(baseline: number, latest: number | null): Outcome {
  if (latest === null) return "no_checkins";
  if (baseline < MEASURABLE_BASELINE) return "not_measurable";
  if (latest <= REMISSION_MAX) return "remission";
  if (2 * latest <= baseline) return "response";
  if (4 * latest <= 3 * baseline) return "partial_response";
  return "no_response";
}

export function courseOutcome(baseline: number, latest: number | null): CourseOutcome {
  return {
    latestPhq9: latest,
    changeFromBaseline: latest === null ? null : latest - baseline,
    // Math.round(x × 10) / 10, as the spec fixes it; + 0 turns a rounded -0 into 0.
    percentChange: latest === null || baseline === 0 ? null : Math.round(((latest - baseline) / baseline) * 100 * 10) / 10 + 0,
    outcome: outcomeOf(baseline, latest),
  };
}
