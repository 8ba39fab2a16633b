import { renderPdf } from "@/lib/pdf/render-pdf";
import { answerText } from "@/lib/pdf/pdf-content";
import { progressContent, type ProgressSummaryInput } from "@/lib/pdf/progress-content";
import { renderFloorPdf, renderReactPdfFloor } from "../children/pdf-floor";
import { sampleProgressInput, SAMPLE_LETTER } from "../../tests/support/progress-inputs";
import { fmt, summarize, type Summary } from "../support/stats";
import type { BenchRow } from "../support/row";

/**
 * The course progress summary PDF (issue 18), warm, beside the floors row 1 uses for the intake
 * summary: pdfkit drawing the same lines with the same fonts, and react-pdf with each line a plain
 * Text. The lines come from the PDF's own content module (progressContent), table rows as one line
 * each, the charts' data tables included; the floors draw no chart pictures, which the app does
 * (three SVG charts), so the ratio includes them.
 */


function progressLines(input: ProgressSummaryInput): string[] {
  const c = progressContent(input);
  const charts = [c.charts.phq9, c.charts.bloodPressure, c.charts.elevation];
  return [
    ...(input.letter ? [`To: ${input.letter.addressee}`, input.letter.paragraph, input.letter.from] : []),
    input.clientName,
    ...c.facts.map(answerText),
    ...c.phases,
    ...c.outcome.map(answerText),
    c.outcomeNote,
    ...charts.flatMap((m) => [m.title, m.summary, m.table.caption, m.table.header.join("  "), ...m.table.rows.map((r) => r.join("  "))]),
    c.sessions.headers.join("  "),
    ...c.sessions.rows.map((r) => r.join("  ")),
    ...c.corrections,
    c.checkins.headers.join("  "),
    ...c.checkins.rows.map((r) => r.join("  ")),
    ...c.flags.flatMap((f) => [f.heading, f.where, ...f.evidence.map(answerText)]),
    ...c.sourcesKey.map((r) => `${r.code}: ${r.meaning ?? ""}`),
  ].map((l) => l.replace(/\t/g, " "));
}

const ms = (s: Summary) => `${fmt(s.median)} ms (${fmt(s.min)}–${fmt(s.max)})`;

/** Section 8: `runs` interleaved renders of each side after two warm-up rounds. */
export async function progressPdfRows(options: { runs: number; log: (line: string) => void }): Promise<BenchRow[]> {
  options.log("8. course progress summary PDF vs pdfkit and plain react-pdf text …");
  const input = sampleProgressInput({ letter: SAMPLE_LETTER });
  const lines = progressLines(input);
  const app: number[] = [];
  const floor: number[] = [];
  const reactFloor: number[] = [];
  for (let i = 0; i < options.runs + 2; i++) {
    let t = performance.now();
    await renderPdf({ kind: "progress-summary", input });
    if (i >= 2) app.push(performance.now() - t);
    t = performance.now();
    await renderFloorPdf(lines);
    if (i >= 2) floor.push(performance.now() - t);
    t = performance.now();
    await renderReactPdfFloor(lines);
    if (i >= 2) reactFloor.push(performance.now() - t);
  }
  const a = summarize(app);
  const f = summarize(floor);
  const r = summarize(reactFloor);
  const ratioPdfkit = a.median / f.median;
  const ratioReact = a.median / r.median;
  return [
    {
      id: 8,
      what: `Course progress summary PDF (letter, ${input.sessions.length} sessions, ${input.checkins.length} check-ins, their flags, 3 charts with tables), warm`,
      figure: ms(a),
      floor: `pdfkit, the same ${lines.length} lines and fonts, no charts: ${ms(f)}; react-pdf, the same lines as plain Text: ${ms(r)}`,
      ratio: `${fmt(ratioPdfkit, 2)}× pdfkit; ${fmt(ratioReact, 2)}× react-pdf`,
      target: "≤ 6× pdfkit (tables and three SVG charts the floor does not draw); ≤ 1 s",
      met: ratioPdfkit <= 6 && a.median <= 1000,
    },
  ];
}
