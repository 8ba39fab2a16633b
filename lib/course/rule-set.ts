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

/** course-1 with a clinic's overrides (names it does not have are ignored here; configuration refuses them). */
export function courseRuleSetWith(overrides: Partial<Record<CourseThresholdName, number | undefined>>, sha256Hex: (text: string) => string): CourseRuleSet {
  const thresholds: Record<string, number> = { ...COURSE_1_THRESHOLDS };
  for (const [name, value] of Object.entries(overrides)) if (value !== undefined && name in thresholds) thresholds[name] = value;
  const effective = thresholds as Required<CourseThresholds>;
  return { ...COURSE_RULE_SET_1, thresholds: effective, version: courseRuleSetVersion(effective, sha256Hex) };
}

/** Every rule id of the set, for the rules page and tests. */
export const COURSE_RULE_IDS: readonly string[] = [...CHECKIN_RULES, ...SESSION_RULES, ...COURSE_RULES].map((r) => r.id);

/**
 * Reads a clinic's overrides (`COURSE_THRESHOLDS`, JSON: names of course-1 thresholds → positive
 * numbers). Unknown names are refused, named, so a typo never silently keeps a default.
 */
export function parseCourseThresholdOverrides(text: string): { ok: true; overrides: Partial<Record<CourseThresholdName, number>> } | { ok: false; message: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, message: "COURSE_THRESHOLDS: must be a JSON object" };
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) return { ok: false, message: "COURSE_THRESHOLDS: must be a JSON object" };
  const overrides: Partial<Record<CourseThresholdName, number>> = {};
  for (const [name, n] of Object.entries(value)) {
    if (!(name in COURSE_1_THRESHOLDS)) return { ok: false, message: `COURSE_THRESHOLDS: unknown threshold ${JSON.stringify(name)}; known: ${Object.keys(COURSE_1_THRESHOLDS).join(", ")}` };
    if (typeof n !== "number" || !Number.isFinite(n) || n < 0) return { ok: false, message: `COURSE_THRESHOLDS: ${name} must be a number of 0 or more` };
    overrides[name as CourseThresholdName] = n;
  }
  return { ok: true, overrides };
}
