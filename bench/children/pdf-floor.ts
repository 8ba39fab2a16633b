import fs from "node:fs";
import path from "node:path";
import { woffToSfnt } from "@/lib/pdf/woff-to-sfnt";
import PDFDocument from "pdfkit";
import { forDisplay } from "@/lib/assessment";
import { answersBySection, consultationQuestions, evidenceLines } from "@/lib/pdf/pdf-content";
import type { TherapistSummaryInput } from "@/lib/pdf/therapist-summary";

/**
 * The floor for the summary PDF: pdfkit alone drawing the same text with the same Noto Sans files,
 * no layout engine (text flows top to bottom, pdfkit paginates).
 */
const FILES = path.join(process.cwd(), "node_modules", "@fontsource", "noto-sans", "files");

export function summaryText(input: TherapistSummaryInput): string[] {
  const lines: string[] = [String(input.answers.full_name), input.reference];
  for (const c of forDisplay(input.assessment.considerations)) {
    lines.push(`${c.severity}: ${c.title}`, c.rationale, ...evidenceLines(c).map((e) => `${e.label}: ${e.lines.join("; ")}`));
  }
  for (const q of consultationQuestions(input.answers, input.assessment)) lines.push(q.question, ...q.answers.map((a) => `${a.label}: ${a.lines.join("; ")}`));
  for (const s of answersBySection(input.answers)) lines.push(s.title, ...s.answers.map((a) => `${a.label}: ${a.lines.join("; ")}`));
  return lines;
}

// The same font files as the app uses: unwrapped from WOFF once.
const fonts = {
  regular: woffToSfnt(fs.readFileSync(path.join(FILES, "noto-sans-latin-400-normal.woff"))),
  ext: woffToSfnt(fs.readFileSync(path.join(FILES, "noto-sans-latin-ext-400-normal.woff"))),
  viet: woffToSfnt(fs.readFileSync(path.join(FILES, "noto-sans-vietnamese-400-normal.woff"))),
};

export function renderFloorPdf(lines: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: "LETTER", margin: 48 });
    doc.registerFont("regular", fonts.regular);
    doc.registerFont("ext", fonts.ext);
    doc.registerFont("viet", fonts.viet);
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    doc.font("regular").fontSize(10);
    for (const line of lines) doc.font(/[^\u0000-\u024F]/.test(line) ? "viet" : /[\u0100-\u024F]/.test(line) ? "ext" : "regular").text(line);
    doc.end();
  });
}
