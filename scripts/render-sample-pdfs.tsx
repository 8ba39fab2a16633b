/**
 * `npm run pdf:samples`: renders the PDFs of fictional intakes to docs/samples/, with PNGs of every
 * page (pdftoppm, poppler-utils) for the README and for looking at the layout:
 * - therapist-summary-v2-urgent: a version-2 intake with thoughts of suicide reported (URGENT box);
 * - therapist-summary-v1-urgent: a stored version-1 intake with PHQ-9 item 9 and intent (URGENT box);
 * - therapist-summary-v1: a stored version-1 intake, nothing urgent;
 * - therapist-summary-v2: a version-2 intake, nothing urgent;
 * - client-copy-v2: the client's copy of the first;
 * - progress-summary: a fictional treatment course's progress summary, opened by a letter to the referring physician.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { renderPdf } from "@/lib/pdf/render-pdf";
import { clientCopyInputFor, sampleBodies, summaryInputFor } from "../tests/support/pdf-inputs";
import { sampleProgressInput, SAMPLE_LETTER } from "../tests/support/progress-inputs";

const out = path.join(process.cwd(), "docs", "samples");
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });
const samples = sampleBodies();
const documents: [string, Buffer][] = [];
for (const [name, body] of Object.entries(samples)) documents.push([name, await renderPdf({ kind: "therapist-summary", input: summaryInputFor(body) })]);
documents.push(["client-copy-v2", await renderPdf({ kind: "client-copy", input: clientCopyInputFor(samples["therapist-summary-v2-urgent"]) })]);
documents.push(["progress-summary", await renderPdf({ kind: "progress-summary", input: sampleProgressInput({ letter: SAMPLE_LETTER }) })]);
for (const [name, pdf] of documents) {
  const file = path.join(out, `${name}.pdf`);
  fs.writeFileSync(file, pdf);
  execFileSync("pdftoppm", ["-png", "-r", "70", file, path.join(out, name)]);
}
console.log(`Wrote ${fs.readdirSync(out).join(", ")} to ${out}`);
