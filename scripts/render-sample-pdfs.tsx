/**
 * `npm run pdf:samples`: renders the therapist summary and the client copy of a fictional intake
 * (the test fixture, with thoughts of suicide reported) to docs/samples/, plus PNGs of their first
 * pages with pdftoppm (poppler-utils), for the README and for looking at the layout.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { renderPdf } from "@/lib/pdf/render-pdf";
import { assess, ruleSetFor } from "@/lib/assessment";
import { parseIntake } from "@/lib/questionnaire";
import { DEFAULT_CRISIS_NUMBERS } from "@/lib/config";
import { fullIntake } from "../tests/fixtures/intakes";

const out = path.join(process.cwd(), "docs", "samples");
fs.mkdirSync(out, { recursive: true });
const parsed = parseIntake(
  fullIntake({ phq9_9: 1, si_thoughts_past_month: "yes", si_intent: "unsure", si_plan: "no", questions_selected: ["type_safety", "mood_stabilizer", "long_term_safety"] }),
  { receivedAt: new Date("2026-11-20T16:00:00Z"), timeZone: "America/Toronto", submittedAtPolicy: "recent" },
);
if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
const answers = parsed.intake.answers as Record<string, unknown>;
const common = { timeZone: "America/Toronto", clinicName: "Bloor Street Ketamine Clinic (fictional)", generatedAt: "2026-11-21T14:00:00Z" };
const summary = await renderPdf({
  kind: "therapist-summary",
  input: {
    ...common,
    intakeId: "sample",
    reference: "KT-7XK4-9M2P",
    receivedAt: parsed.intake.submittedAt,
    submittedAt: parsed.intake.submittedAt,
    answers,
    assessment: assess(parsed.intake.answers, parsed.intake.referenceDate, ruleSetFor(parsed.intake.version)),
    consent: { privacyNoticeVersion: "2026-11-24", consentedAt: "2026-11-20T14:52:00Z" },
  },
});
const copy = await renderPdf({
  kind: "client-copy",
  input: { ...common, reference: "KT-7XK4-9M2P", submittedAt: parsed.intake.submittedAt, answers, reviewWindow: "within 2 business days", crisis: DEFAULT_CRISIS_NUMBERS.CA },
});
for (const [name, pdf] of [["therapist-summary", summary], ["client-copy", copy]] as const) {
  const file = path.join(out, `${name}.pdf`);
  fs.writeFileSync(file, pdf);
  execFileSync("pdftoppm", ["-png", "-r", "70", "-f", "1", "-l", name === "therapist-summary" ? "3" : "1", file, path.join(out, name)]);
}
console.log(`Wrote ${fs.readdirSync(out).join(", ")} to ${out}`);
