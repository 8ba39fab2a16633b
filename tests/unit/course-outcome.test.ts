import { describe, expect, it } from "vitest";
import { courseOutcome, outcomeOf } from "@/lib/course";

/** treatment-course.md, "Outcomes" and the CLI's `course` block: every case at its boundary, in order. */

describe("outcome per course", () => {
  it.each([
    // baseline, latest, outcome
    [18, null, "no_checkins"],
    [9, null, "no_checkins"], // no check-in comes before a low baseline
    [9, 2, "not_measurable"], // a low baseline comes before remission
    [0, 0, "not_measurable"],
    [10, 4, "remission"],
    [10, 5, "response"], // 5 ≤ 50% of 10
    [20, 10, "response"],
    [20, 11, "partial_response"],
    [20, 15, "partial_response"], // exactly 75%
    [20, 16, "no_response"],
    [11, 5, "response"], // 10 ≤ 11
    [11, 6, "partial_response"], // 12 > 11; 24 ≤ 33
    [11, 8, "partial_response"], // 32 ≤ 33
    [11, 9, "no_response"], // 36 > 33
    [12, 9, "partial_response"], // 36 = 36
    [18, 25, "no_response"],
  ] as const)("baseline %i, latest %s → %s", (baseline, latest, outcome) => {
    expect(outcomeOf(baseline, latest)).toBe(outcome);
    expect(courseOutcome(baseline, latest).outcome).toBe(outcome);
  });

  it("reports latest, change and percent change, rounded with Math.round(x × 10) / 10", () => {
    expect(courseOutcome(18, 12)).toEqual({ latestPhq9: 12, changeFromBaseline: -6, percentChange: -33.3, outcome: "partial_response" });
    expect(courseOutcome(3, 4).percentChange).toBe(33.3);
    expect(courseOutcome(6, 5).percentChange).toBe(-16.7);
    // -0.05 × 10 rounds up to -0 → shown as 0; +x.x5 rounds up.
    expect(Object.is(courseOutcome(2000 / 100, 20).percentChange, 0)).toBe(true);
    expect(courseOutcome(16, 15).percentChange).toBe(-6.2); // -6.25 → -6.2 (Math.round rounds half up)
    expect(courseOutcome(16, 17).percentChange).toBe(6.3); // 6.25 → 6.3
  });

  it("is null where there is nothing to compute", () => {
    expect(courseOutcome(18, null)).toEqual({ latestPhq9: null, changeFromBaseline: null, percentChange: null, outcome: "no_checkins" });
    expect(courseOutcome(0, 3)).toEqual({ latestPhq9: 3, changeFromBaseline: 3, percentChange: null, outcome: "not_measurable" });
  });
});
