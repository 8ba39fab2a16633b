import { RULE_SET_2_THRESHOLDS } from "@/lib/assessment/thresholds";
import { ruleSetVersionFor, type Thresholds } from "@/lib/assessment/thresholds";

/**
 * Named thresholds of course rule set `course-1`. Blood pressure, the PHQ-9 suicide item and the
 * mania counts keep the intake's names and defaults (rule set 2), so one number means one thing in
 * both; the rest are the course's own. A clinic may override any of them; the version then says so.
 */
export const COURSE_1_THRESHOLDS = {
  bpSevereSystolic: RULE_SET_2_THRESHOLDS.bpSevereSystolic,
  bpSevereDiastolic: RULE_SET_2_THRESHOLDS.bpSevereDiastolic,
  bpElevatedSystolic: RULE_SET_2_THRESHOLDS.bpElevatedSystolic,
  bpElevatedDiastolic: RULE_SET_2_THRESHOLDS.bpElevatedDiastolic,
  phq9SuicideItemUrgent: RULE_SET_2_THRESHOLDS.phq9SuicideItemUrgent,
  maniaOtherSymptomsWithElevatedMood: RULE_SET_2_THRESHOLDS.maniaOtherSymptomsWithElevatedMood,
  maniaOtherSymptomsWithIrritability: RULE_SET_2_THRESHOLDS.maniaOtherSymptomsWithIrritability,
  mixedFeaturesNonOverlappingSymptoms: RULE_SET_2_THRESHOLDS.mixedFeaturesNonOverlappingSymptoms,
  elevationRise: 2,
  worseningPhq9Rise: 5,
  bpRiseSystolic: 40,
  spo2Low: 92,
  doseCeilingMgPerKg: 1.0,
} as const;

export type CourseThresholdName = keyof typeof COURSE_1_THRESHOLDS;
export type CourseThresholds = { readonly [K in CourseThresholdName]?: number };

const COURSE_RULE_SET_BASE = "course-1";

/** `course-1`, or `course-1-custom-<8 hex of SHA-256 of the canonical JSON>` when any threshold differs. */
export function courseRuleSetVersion(thresholds: Required<CourseThresholds>, sha256Hex: (text: string) => string): string {
  return ruleSetVersionFor(COURSE_RULE_SET_BASE, COURSE_1_THRESHOLDS as Thresholds, thresholds as Thresholds, sha256Hex);
}
