import type { Scores } from "@/lib/assessment";
import { CHECKIN_ITEM_IDS, type CheckinAnswers } from "./checkin-definition";
import { evaluateFlags, type Flag } from "./flag-language";
import { phq9Of } from "./intake-parts";
import { courseOutcome, type Outcome } from "./outcome";
import type { CourseRuleSet } from "./rule-set";
import { BASELINE, CHECKIN_SCORES, PREVIOUS_ELEVATION, type CheckinFacts } from "./rules-checkin";
import { COURSE_SCORES, type CourseFacts } from "./rules-course";
import { SESSION_SCORES } from "./rules-session";
import { SESSION_FIELD_IDS, type SessionRecord } from "./session-record";

/** The pure assessment of one course: each session's and check-in's flags, the course's flags and outcome. */

export interface CourseInput {
  readonly baselinePhq9: number;
  readonly plannedAcuteSessions: number;
  /** In date order. */
  readonly sessions: readonly SessionRecord[];
  /** In date order. */
  readonly checkins: readonly { readonly answers: CheckinAnswers }[];
}

/** The `assess-course` output, keys in the spec's order. */
export interface CourseAssessment {
  courseRuleSetVersion: string;
  sessions: { index: number; flags: Flag[] }[];
  checkins: { index: number; phq9: Scores["phq9"]; flags: Flag[] }[];
  course: { flags: Flag[]; latestPhq9: number | null; changeFromBaseline: number | null; percentChange: number | null; outcome: Outcome };
}

export function sessionFlags(record: SessionRecord, ruleSet: CourseRuleSet): Flag[] {
  return evaluateFlags(ruleSet.sessionRules, SESSION_SCORES, { facts: { record }, record, outside: {}, order: SESSION_FIELD_IDS }, ruleSet.thresholds);
}

const CHECKIN_ORDER = [...CHECKIN_ITEM_IDS, BASELINE, PREVIOUS_ELEVATION];

/** One check-in's flags; `previous` is the check-in before it in the course (none for the first). */
export function checkinFlags(facts: CheckinFacts, ruleSet: CourseRuleSet): Flag[] {
  const outside = { [BASELINE]: facts.baselinePhq9, [PREVIOUS_ELEVATION]: facts.previous?.mania_symptoms_past_week };
  return evaluateFlags(ruleSet.checkinRules, CHECKIN_SCORES, { facts, record: facts.answers, outside, order: CHECKIN_ORDER }, ruleSet.thresholds);
}

export function courseFlags(facts: CourseFacts, ruleSet: CourseRuleSet): Flag[] {
  const record = facts as unknown as Record<string, unknown>;
  return evaluateFlags(ruleSet.courseRules, COURSE_SCORES, { facts, record, outside: {}, order: Object.keys(facts) }, ruleSet.thresholds);
}

export function assessCourse(input: CourseInput, ruleSet: CourseRuleSet): CourseAssessment {
  const totals = input.checkins.map((c) => phq9Of(c.answers));
  const latest = totals.length > 0 ? totals[totals.length - 1]!.total : null;
  const facts: CourseFacts = {
    baselinePhq9: input.baselinePhq9,
    plannedAcuteSessions: input.plannedAcuteSessions,
    sessionsRecorded: input.sessions.length,
    checkinsRecorded: input.checkins.length,
    latestPhq9: latest,
  };
  return {
    courseRuleSetVersion: ruleSet.version,
    sessions: input.sessions.map((record, index) => ({ index, flags: sessionFlags(record, ruleSet) })),
    checkins: input.checkins.map((c, index) => ({
      index,
      phq9: totals[index]!,
      flags: checkinFlags({ answers: c.answers, baselinePhq9: input.baselinePhq9, previous: input.checkins[index - 1]?.answers }, ruleSet),
    })),
    course: { flags: courseFlags(facts, ruleSet), ...courseOutcome(input.baselinePhq9, latest) },
  };
}
