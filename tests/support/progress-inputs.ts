import { assessCourse, COURSE_RULE_SET_1, doseMgPerKgShown, parseSessionRecord, validateCheckinAnswers, type CheckinAnswers, type SessionRecord } from "@/lib/course";
import { phq9Of } from "@/lib/course/intake-parts";
import type { ProgressSummaryInput } from "@/lib/pdf/progress-content";

/**
 * A fictional course as the progress summary's input, built as the server builds it (validated
 * records, flags from course rule set course-1): six acute sessions (one corrected, one with a
 * raised pre-dose pressure), five check-ins with flags, a move to maintenance. Shared by the PDF
 * tests, the sample script and the bench.
 */

const phq = (total: number, item9 = 0) => ({
  ...Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`phq9_${i + 1}`, Math.max(0, Math.min(3, total - i * 3))])),
  phq9_9: item9,
});

const checkinAnswers = (raw: Record<string, unknown>): CheckinAnswers => {
  const result = validateCheckinAnswers(
    { mania_symptoms_past_week: ["none"], si_thoughts_since_last: "no", si_safe_now: "yes", si_attempt_since_last: "no", self_harm_since_last: "no", side_effects: ["none"], global_change: "a_little_better", ...raw },
    { referenceDate: "2026-11-20" },
  );
  if (result.errors.length > 0) throw new Error(JSON.stringify(result.errors));
  return result.answers;
};

const session = (raw: Record<string, unknown>): SessionRecord => {
  const result = parseSessionRecord(
    { route: "iv", weight_kg: 72, dose_mg: 36, infusion_minutes: 40, bp_pre_systolic: 124, bp_pre_diastolic: 80, bp_discharge_systolic: 130, bp_discharge_diastolic: 82, dissociation: "mild", sedation: "none", adverse_events: ["none"], discharged_with_escort: true, ...raw },
    { referenceDate: "2026-11-20", startedOn: "2026-10-01" },
  );
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.record;
};

const SAMPLE_SESSIONS: SessionRecord[] = [
  session({ session_date: "2026-10-02", bp_40min_systolic: 142, bp_40min_diastolic: 88 }),
  session({ session_date: "2026-10-06", dose_mg: 40, adverse_events: ["nausea_vomiting"] }),
  session({ session_date: "2026-10-09", dose_mg: 43, bp_pre_systolic: 146, bp_pre_diastolic: 92, bp_40min_systolic: 158, bp_40min_diastolic: 96, dissociation: "moderate" }),
  session({ session_date: "2026-10-13", dose_mg: 43, route: "im", adverse_events: ["headache", "anxiety_agitation"] }),
  session({ session_date: "2026-10-16", dose_mg: 50, sedation: "mild" }),
  session({ session_date: "2026-10-20", dose_mg: 50, bp_40min_systolic: 136, bp_40min_diastolic: 84 }),
];

export const SAMPLE_CHECKINS: { submittedAt: string; answers: CheckinAnswers }[] = [
  { submittedAt: "2026-10-05T22:10:00Z", answers: checkinAnswers({ ...phq(14) }) },
  { submittedAt: "2026-10-08T23:30:00Z", answers: checkinAnswers({ ...phq(12), side_effects: ["urinary_pain_or_urgency", "headache"] }) },
  { submittedAt: "2026-10-12T21:05:00Z", answers: checkinAnswers({ ...phq(10), mania_symptoms_past_week: ["less_need_for_sleep", "racing_thoughts", "distractibility"] }) },
  { submittedAt: "2026-10-15T20:45:00Z", answers: checkinAnswers({ ...phq(8), si_thoughts_since_last: "yes", si_intent: "no", si_plan: "no" }) },
  { submittedAt: "2026-10-19T22:00:00Z", answers: checkinAnswers({ ...phq(7), side_effects: ["dissociation_next_day"], global_change: "much_better" }) },
];

/** The fictional course's progress summary input (`letter` adds the covering letter). */
export function sampleProgressInput(extra: Partial<ProgressSummaryInput> = {}, course: { sessions?: SessionRecord[]; checkins?: typeof SAMPLE_CHECKINS } = {}): ProgressSummaryInput {
  const sessions = course.sessions ?? SAMPLE_SESSIONS;
  const checkins = course.checkins ?? SAMPLE_CHECKINS;
  const assessed = assessCourse({ baselinePhq9: 18, plannedAcuteSessions: 6, sessions, checkins }, COURSE_RULE_SET_1);
  return {
    reference: "KT-7XK4-9M2P",
    clientName: "Zoë Bélanger-Nguyễn",
    clinicName: "Bloor Street Ketamine Clinic (fictional)",
    timeZone: "America/Toronto",
    generatedAt: "2026-11-21T14:00:00Z",
    course: { startedOn: "2026-10-01", phase: "maintenance", endReason: null, plannedAcuteSessions: 6, baselinePhq9: 18, baselineSource: "the intake's PHQ-9, submitted 20 September 2026" },
    phaseChanges: [{ from: "acute", to: "maintenance", reason: null, at: "2026-10-22T15:00:00Z", byName: "Dr Amira Haddad" }],
    outcome: { ...assessed.course, ruleSetVersion: assessed.courseRuleSetVersion },
    sessions: sessions.map((record, i) => ({
      record,
      mgPerKg: doseMgPerKgShown(record),
      flags: assessed.sessions[i]!.flags,
      ruleSetVersion: assessed.courseRuleSetVersion,
      corrections: i === 3 && !course.sessions ? [{ version: 2, at: "2026-10-13T20:00:00Z", byName: "Dr Amira Haddad", reason: "The route was entered as IV; the dose was given IM." }] : [],
    })),
    checkins: checkins.map((c, i) => ({ submittedAt: c.submittedAt, answers: c.answers, phq9: phq9Of(c.answers as Record<string, unknown>), flags: assessed.checkins[i]!.flags, ruleSetVersion: assessed.courseRuleSetVersion })),
    ...extra,
  };
}

export const SAMPLE_LETTER = {
  addressee: "Dr Jonas Whitfield, Family Physician, Annex Medical Centre",
  paragraph:
    "Thank you for referring Zoë to our clinic. She completed six acute sessions of intravenous ketamine between 2 and 20 October 2026 and has moved to maintenance. Her PHQ-9 fell from 18 to 7. We would value your review of the urinary symptoms she reported on 8 October and of her blood pressure before the third session.\n\nThe progress summary follows; please call the clinic with any questions.",
  from: "Dr Amira Haddad, Bloor Street Ketamine Clinic (fictional)",
};
