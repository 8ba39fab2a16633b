import fs from "node:fs";
import path from "node:path";
import { woffToSfnt } from "@/lib/pdf/woff-to-sfnt";
import PDFDocument from "pdfkit";
import { createElement } from "react";
import { Document, Page, renderToBuffer, Text } from "@react-pdf/renderer";
import { SEVERITY_WORDING, TRIAGE_WORDING } from "@/lib/assessment";
import { consentSentence, scoreLines } from "@/lib/intake-summary";
import { answerText, formatInstant, summaryContent } from "@/lib/pdf/pdf-content";
import { styles } from "@/lib/pdf/pdf-parts";
import { registerFonts } from "@/lib/pdf/fonts";
import type { TherapistSummaryInput } from "@/lib/pdf/therapist-summary";

/**
 * The floors for the summary PDF, drawing the summary's own lines (from the same content module)
 * with the same Noto Sans files: pdfkit alone, no layout engine (text flows top to bottom, pdfkit
 * paginates); and @react-pdf/renderer with each line a plain <Text> in one page flow (the layout
 * engine's own floor: no views, no runs, no footer).
 */
const FILES = path.join(process.cwd(), "node_modules", "@fontsource", "noto-sans", "files");

export function summaryText(input: TherapistSummaryInput): string[] {
  const c = summaryContent(input);
  const lines: string[] = [c.name, c.snapshot, input.reference, TRIAGE_WORDING[input.assessment.triage], ...c.card.map(answerText)];
  if (c.urgent) lines.push(...c.urgent.triggers.map(answerText), ...c.urgent.safety.map(answerText));
  for (const k of c.considerations) lines.push(`${SEVERITY_WORDING[k.severity]}: ${k.title}`, k.rationale, ...k.evidence.map(answerText));
  lines.push(...scoreLines(input.assessment).map(answerText), ...c.trials.map((t) => t.text), ...c.medicines.map(answerText), ...c.contact.map(answerText));
  for (const q of c.questions) lines.push(q.question, ...q.considerations.map((k) => k.title), q.see.join(", "));
  lines.push(...c.own.map(answerText));
  for (const s of c.rest) lines.push(s.title, ...s.answers.map(answerText));
  lines.push(consentSentence(input.consent, (iso) => formatInstant(iso, input.timeZone)));
  return lines.map((l) => l.replace(/\t/g, " "));
}

/** react-pdf's floor: the same lines, each a plain Text, the page's font chain and size. */
export function renderReactPdfFloor(lines: string[]): Promise<Buffer> {
  registerFonts();
  return renderToBuffer(
    createElement(Document, null, createElement(Page, { size: "LETTER", style: styles.page }, ...lines.map((line, i) => createElement(Text, { key: i }, line)))),
  );
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
