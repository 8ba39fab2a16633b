import { CHECKIN_RULES } from "./rules-checkin";
import { SESSION_RULES } from "./rules-session";
import { COURSE_RULES } from "./rules-course";
import { COURSE_1_THRESHOLDS, courseRuleSetVersion, type CourseThresholdName, type CourseThresholds } from "./thresholds";

/** Course rule set `course-1`: its flags on check-ins, sessions and the course, and its thresholds. */
export interface CourseRuleSet {
  /** `course-1`, or `course-1-custom-<hash>` with overridden thresholds. */
  readonly version: string;
  readonly thresholds: Required<CourseThresholds>;
  readonly checkinRules: typeof CHECKIN_RULES;
  readonly sessionRules: typeof SESSION_RULES;
  readonly courseRules: typeof COURSE_RULES;
}

export const COURSE_RULE_SET_1: CourseRuleSet = {
  version: "course-1",
  thresholds: COURSE_1_THRESHOLDS,
  checkinRules: CHECKIN_RULES,
  sessionRules: SESSION_RULES,
  courseRules: COURSE_RULES,
};

/** course-1 with a clinic's overrides (names it does not have are ignored here; lib/config.ts refuses them, named). */
export function courseRuleSetWith(overrides: Partial<Record<CourseThresholdName, number | undefined>>, sha256Hex: (text: string) => string): CourseRuleSet {
  const thresholds: Record<string, number> = { ...COURSE_1_THRESHOLDS };
  for (const [name, value] of Object.entries(overrides)) if (value !== undefined && name in thresholds) thresholds[name] = value;
  const effective = thresholds as Required<CourseThresholds>;
  return { ...COURSE_RULE_SET_1, thresholds: effective, version: courseRuleSetVersion(effective, sha256Hex) };
}

/** Every rule id of the set, for the rules page and tests. */
export const COURSE_RULE_IDS: readonly string[] = [...CHECKIN_RULES, ...SESSION_RULES, ...COURSE_RULES].map((r) => r.id);
