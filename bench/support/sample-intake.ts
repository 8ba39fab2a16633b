import { assess, ruleSetFor } from "@/lib/assessment";
import { parseIntake } from "@/lib/questionnaire";
import type { TherapistSummaryInput } from "@/lib/pdf/therapist-summary";
import { fullIntake } from "../../tests/fixtures/intakes";

/** A full, realistic intake (urgent, long free text) as the therapist summary's input. */
export function sampleSummaryInput(): TherapistSummaryInput {
  const parsed = parseIntake(
    fullIntake({
      phq9_9: 2,
      si_thoughts_past_month: "yes",
      si_intent: "unsure",
      si_plan: "no",
      goals: "I want to get back to work, sleep through the night and enjoy my children again. ".repeat(20).trim().slice(0, 1900),
      questions_selected: ["type_safety", "mood_stabilizer", "schedule", "integration", "outcomes", "long_term_safety"],
    }),
    { receivedAt: new Date("2026-11-20T16:00:00Z"), timeZone: "America/Toronto", submittedAtPolicy: "recent" },
  );
  if (!parsed.ok) throw new Error("sample intake invalid");
  return {
    intakeId: "bench",
    reference: "KT-7XK4-9M2P",
    receivedAt: parsed.intake.submittedAt,
    submittedAt: parsed.intake.submittedAt,
    answers: parsed.intake.answers as Record<string, unknown>,
    assessment: assess(parsed.intake.answers, parsed.intake.referenceDate, ruleSetFor(parsed.intake.version)),
    consent: { privacyNoticeVersion: "2026-11-24", consentedAt: "2026-11-20T15:50:00Z" },
    generatedAt: "2026-11-21T14:00:00Z",
    timeZone: "America/Toronto",
    clinicName: "Bench Clinic",
  };
}
