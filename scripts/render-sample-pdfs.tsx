/**
 * `npm run pdf:samples`: renders the PDFs of fictional intakes to docs/samples/, with PNGs of every
 * page (pdftoppm, poppler-utils) for the README and for looking at the layout:
 * - therapist-summary-v2-urgent: a version-2 intake with thoughts of suicide reported (URGENT box);
 * - therapist-summary-v1: a stored version-1 intake, nothing urgent;
 * - client-copy-v2: the client's copy of the first.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { renderPdf } from "@/lib/pdf/render-pdf";
import { fullIntake, fullIntakeV2 } from "../tests/fixtures/intakes";
import { clientCopyInputFor, summaryInputFor } from "../tests/support/pdf-inputs";

const out = path.join(process.cwd(), "docs", "samples");
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });
const urgentV2 = fullIntakeV2({
  phq9_9: 1,
  si_thoughts_past_month: "yes",
  si_intent: "unsure",
  si_plan: "no",
  lethal_means_access: ["stockpiled_medication"],
  safety_plan: "no",
  questions_selected: ["type_safety", "mood_stabilizer", "long_term_safety"],
});
const v1 = fullIntake({ questions_selected: ["type_safety", "schedule", "outcomes"] });
const documents = [
  ["therapist-summary-v2-urgent", await renderPdf({ kind: "therapist-summary", input: summaryInputFor(urgentV2) })],
  ["therapist-summary-v1", await renderPdf({ kind: "therapist-summary", input: summaryInputFor(v1) })],
  ["client-copy-v2", await renderPdf({ kind: "client-copy", input: clientCopyInputFor(urgentV2) })],
] as const;
for (const [name, pdf] of documents) {
  const file = path.join(out, `${name}.pdf`);
  fs.writeFileSync(file, pdf);
  execFileSync("pdftoppm", ["-png", "-r", "70", file, path.join(out, name)]);
}
console.log(`Wrote ${fs.readdirSync(out).join(", ")} to ${out}`);
