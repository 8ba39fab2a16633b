import type { TherapistSummaryInput } from "@/lib/pdf/therapist-summary";
import { fullIntakeV2 } from "../../tests/fixtures/intakes";
import { summaryInputFor } from "../../tests/support/pdf-inputs";

/** A full, realistic version-2 intake (urgent, lethal means, long free text) as the therapist summary's input. */
export function sampleSummaryInput(): TherapistSummaryInput {
  return summaryInputFor(
    fullIntakeV2({
      phq9_9: 2,
      si_thoughts_past_month: "yes",
      si_intent: "unsure",
      si_plan: "no",
      lethal_means_access: ["stockpiled_medication"],
      safety_plan: "unsure",
      goals: "I want to get back to work, sleep through the night and enjoy my children again. ".repeat(20).trim().slice(0, 1900),
      questions_selected: ["type_safety", "mood_stabilizer", "schedule", "integration", "outcomes", "long_term_safety"],
    }),
    { intakeId: "bench", clinicName: "Bench Clinic" },
  );
}
