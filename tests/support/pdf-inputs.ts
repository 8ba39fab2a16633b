import { assess, ruleSetFor } from "@/lib/assessment";
import { fullIntake, fullIntakeV2 } from "../fixtures/intakes";
import { parseIntake } from "@/lib/questionnaire";
import { DEFAULT_CRISIS_NUMBERS } from "@/lib/config";
import { DEFAULT_TREATMENT_DESCRIPTION } from "@/lib/treatment-info";
import { PRIVACY_NOTICE_VERSION } from "@/lib/privacy-notice";
import type { TherapistSummaryInput } from "@/lib/pdf/therapist-summary";
import type { ClientCopyInput } from "@/lib/pdf/client-copy";

/**
 * The two PDFs' inputs for an intake body (fullIntake() or fullIntakeV2()), as the server builds
 * them from a stored intake: its own questionnaire version, assessed with that version's rule set.
 * Shared by the PDF tests, the sample script and the bench.
 */
export const PDF_TIME_ZONE = "America/Toronto";

export function parsedForPdf(body: unknown) {
  const parsed = parseIntake(body, { receivedAt: new Date("2026-11-20T16:00:00Z"), timeZone: PDF_TIME_ZONE, submittedAtPolicy: "recent" });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const ruleSet = ruleSetFor(parsed.intake.version);
  return { intake: parsed.intake, ruleSet, assessment: assess(parsed.intake.answers, parsed.intake.referenceDate, ruleSet) };
}

export function summaryInputFor(body: unknown, extra: Partial<TherapistSummaryInput> = {}): TherapistSummaryInput {
  const { intake, ruleSet, assessment } = parsedForPdf(body);
  return {
    intakeId: "id",
    reference: "KT-7XK4-9M2P",
    receivedAt: intake.submittedAt,
    submittedAt: intake.submittedAt,
    questionnaireVersion: intake.version,
    answers: intake.answers as Record<string, unknown>,
    assessment,
    trialThresholds: ruleSet.thresholds,
    // Consent is given on the wizard's first step, before the answers (submitted 15:04Z).
    consent: { privacyNoticeVersion: PRIVACY_NOTICE_VERSION, consentedAt: "2026-11-20T14:41:00Z" },
    generatedAt: "2026-11-21T14:00:00Z",
    timeZone: PDF_TIME_ZONE,
    clinicName: "Bloor Street Ketamine Clinic (fictional)",
    ...extra,
  };
}

export function clientCopyInputFor(body: unknown, extra: Partial<ClientCopyInput> = {}): ClientCopyInput {
  const { intake } = parsedForPdf(body);
  return {
    reference: "KT-7XK4-9M2P",
    submittedAt: intake.submittedAt,
    questionnaireVersion: intake.version,
    answers: intake.answers as Record<string, unknown>,
    generatedAt: "2026-11-20T16:05:00Z",
    timeZone: PDF_TIME_ZONE,
    clinicName: "Bloor Street Ketamine Clinic (fictional)",
    reviewWindow: "within 2 business days",
    treatmentDescription: DEFAULT_TREATMENT_DESCRIPTION,
    clinicContact: { phone: { display: "416-555-0100", dial: "4165550100" }, email: "intake@bloor.example" },
    crisis: DEFAULT_CRISIS_NUMBERS.CA,
    ...extra,
  };
}

/** The intakes of the committed samples (docs/samples, `npm run pdf:samples`), checked page by page in the PDF tests. */
export const sampleBodies = () => ({
  /** Version 2, thoughts of suicide and unsure about intent: the urgent box. */
  "therapist-summary-v2-urgent": fullIntakeV2({
    phq9_9: 1,
    si_thoughts_past_month: "yes",
    si_intent: "unsure",
    si_plan: "no",
    lethal_means_access: ["stockpiled_medication"],
    safety_plan: "no",
    questions_selected: ["type_safety", "mood_stabilizer", "long_term_safety"],
  }),
  /** Version 1 with PHQ-9 item 9 and intent: the urgent box, five questions for the consultation. */
  "therapist-summary-v1-urgent": fullIntake({
    phq9_9: 2,
    si_thoughts_past_month: "yes",
    si_intent: "unsure",
    si_plan: "no",
    questions_selected: ["type_safety", "mood_stabilizer", "schedule", "outcomes", "long_term_safety"],
  }),
  "therapist-summary-v1": fullIntake({ questions_selected: ["type_safety", "schedule", "outcomes"] }),
  "therapist-summary-v2": fullIntakeV2(),
});
