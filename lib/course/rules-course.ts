import type { FlagRule, ScoreDef } from "./flag-language";

/** Course flags of course rule set `course-1` (treatment-course.md, "Flags", `on` = course). */

export interface CourseFacts {
  readonly baselinePhq9: number;
  readonly plannedAcuteSessions: number;
  /** Every session in the course, in any phase. */
  readonly sessionsRecorded: number;
  readonly checkinsRecorded: number;
  /** The last check-in's PHQ-9 total; null without a check-in. */
  readonly latestPhq9: number | null;
}
export type CourseFieldId = keyof CourseFacts;

/** Baselines below this are "not depressed enough to measure response" (outcome `not_measurable`). */
export const MEASURABLE_BASELINE = 10;

export type CourseScore = "acute_sessions_done" | "not_25_percent_below_baseline";
export const COURSE_SCORES: Record<CourseScore, ScoreDef<CourseFacts>> = {
  acute_sessions_done: {
    fields: ["sessionsRecorded", "plannedAcuteSessions"],
    describe: "sessions recorded (every session, any phase) ≥ `plannedAcuteSessions`",
    compute: (f) => f.sessionsRecorded >= f.plannedAcuteSessions,
  },
  not_25_percent_below_baseline: {
    fields: ["latestPhq9", "baselinePhq9"],
    describe: "4 × latest PHQ-9 > 3 × `baselinePhq9` (exact integers: the latest is not at least 25% below baseline)",
    compute: (f) => (f.latestPhq9 === null ? null : 4 * f.latestPhq9 > 3 * f.baselinePhq9),
  },
};

export const COURSE_RULES: readonly FlagRule<CourseFieldId, CourseScore, CourseFacts>[] = [
  {
    id: "NO_RESPONSE_AFTER_ACUTE",
    severity: "info",
    title: "No response after the planned acute sessions — discuss whether to continue",
    rationale: "The latest PHQ-9 is not at least 25% below baseline after the planned acute sessions.",
    source: null,
    when: {
      all: [
        { score: "acute_sessions_done", isTrue: true },
        { item: "baselinePhq9", gte: MEASURABLE_BASELINE },
        { item: "checkinsRecorded", gte: 1 },
        { score: "not_25_percent_below_baseline", isTrue: true },
      ],
    },
    describe: (f) => `No response after ${f.sessionsRecorded} sessions (PHQ-9 ${f.latestPhq9}, baseline ${f.baselinePhq9}) — discuss whether to continue`,
  },
];
