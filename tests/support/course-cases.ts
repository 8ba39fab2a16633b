import { expect } from "vitest";
import {
  checkinFlags,
  COURSE_RULE_SET_1,
  parseSessionRecord,
  sessionFlags,
  validateCheckinAnswers,
  type CheckinAnswers,
  type CourseRuleSet,
  type Flag,
  type SessionRecord,
} from "@/lib/course";

/** Check-ins, sessions and courses for the course tests, validated by the real schemas. */

export const CHECKIN_DATE = "2026-10-05";
export const STARTED_ON = "2026-10-01";

/** PHQ-9 items 1–8 summing to `total` (0–24), item 9 = 0 unless given. */
export const phq = (total: number, item9 = 0) => ({
  ...Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`phq9_${i + 1}`, Math.max(0, Math.min(3, total - i * 3))])),
  phq9_9: item9,
});

/** A calm check-in: PHQ-9 8, nothing reported. */
export const calmAnswers = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  ...phq(8),
  mania_symptoms_past_week: ["none"],
  si_thoughts_since_last: "no",
  si_safe_now: "yes",
  si_attempt_since_last: "no",
  self_harm_since_last: "no",
  side_effects: ["none"],
  global_change: "a_little_better",
  ...over,
});

function validCheckin(raw: Record<string, unknown>, referenceDate = CHECKIN_DATE): CheckinAnswers {
  const result = validateCheckinAnswers(raw, { referenceDate });
  expect(result.errors, "test check-in must be schema-valid").toEqual([]);
  expect(result.warnings, "test check-in must not carry hidden items").toEqual([]);
  return result.answers;
}

export const calmSession = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  session_date: "2026-10-02",
  route: "iv",
  weight_kg: 70,
  dose_mg: 35,
  infusion_minutes: 40,
  bp_pre_systolic: 128,
  bp_pre_diastolic: 82,
  bp_discharge_systolic: 134,
  bp_discharge_diastolic: 84,
  dissociation: "mild",
  sedation: "none",
  adverse_events: ["none"],
  discharged_with_escort: true,
  ...over,
});

function validSession(raw: Record<string, unknown>): SessionRecord {
  const result = parseSessionRecord(raw, { referenceDate: "2026-11-20", startedOn: STARTED_ON });
  expect(result.ok ? [] : result.issues, "test session must be schema-valid").toEqual([]);
  return (result as { record: SessionRecord }).record;
}

export const checkinIds = (raw: Record<string, unknown>, opts: { baseline?: number; previous?: Record<string, unknown>; ruleSet?: CourseRuleSet } = {}) =>
  checkinFlagsOf(raw, opts).map((f) => f.id);

export function checkinFlagsOf(raw: Record<string, unknown>, opts: { baseline?: number; previous?: Record<string, unknown>; ruleSet?: CourseRuleSet } = {}): Flag[] {
  return checkinFlags(
    { answers: validCheckin(raw), baselinePhq9: opts.baseline ?? 18, previous: opts.previous ? validCheckin(opts.previous) : undefined },
    opts.ruleSet ?? COURSE_RULE_SET_1,
  );
}

export const sessionFlagsOf = (raw: Record<string, unknown>, ruleSet: CourseRuleSet = COURSE_RULE_SET_1) => sessionFlags(validSession(raw), ruleSet);
export const sessionIds = (raw: Record<string, unknown>, ruleSet?: CourseRuleSet) => sessionFlagsOf(raw, ruleSet).map((f) => f.id);

/** A canonical course JSON body. */
export const courseJson = (over: Record<string, unknown> = {}) => ({
  course: "ketamine-course",
  version: "1",
  bipolarType: "bipolar_2",
  baselinePhq9: 18,
  plannedAcuteSessions: 6,
  phase: "acute",
  startedOn: STARTED_ON,
  sessions: [calmSession()],
  checkins: [{ submittedAt: `${CHECKIN_DATE}T14:00:00Z`, answers: calmAnswers() }],
  ...over,
});
