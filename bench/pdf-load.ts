/**
 * `npm run bench:pdf`: does PDF rendering stall the server? Starts the app as `npm start` does
 * (`next build` + `next start`, PDFs in the worker pool), signs a therapist in, then measures a
 * light page (the landing page) on its own and while 8 therapist PDFs render at once, over and over.
 * Also shows what one render would block the event loop for if it ran in the request thread.
 */
import { parseArgs } from "node:util";
import { startServer } from "../tests/e2e/support/server";
import { createTherapist, signInOverHttp } from "../tests/e2e/support/therapist";
import { fullIntake } from "../tests/fixtures/intakes";

const { values } = parseArgs({ options: { requests: { type: "string", default: "300" }, concurrent: { type: "string", default: "8" } } });
const requests = Number(values.requests);
const concurrent = Number(values.concurrent);

const server = await startServer({ RATE_LIMIT_LOGIN_PER_15MIN: "1000", RATE_LIMIT_SUBMIT_PER_HOUR: "100000" });
process.env.E2E_DATABASE_PATH = server.databasePath;
process.env.E2E_KEYS_DIR = server.keysDir;
const base = server.baseUrl;

try {
  const created = await fetch(`${base}/api/intakes`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(fullIntake({ phq9_9: 2, si_thoughts_past_month: "yes", si_intent: "no", si_plan: "no", goals: "A long answer. ".repeat(130) }, { submittedAt: undefined })),
  });
  const { id } = (await created.json()) as { id: string };
  const cookie = await signInOverHttp(base, createTherapist("bench"));

  const pct = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  async function lightPage(n: number): Promise<number[]> {
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      const r = await fetch(`${base}/`);
      await r.arrayBuffer();
      times.push(performance.now() - t);
    }
    return times.sort((a, b) => a - b);
  }
  const report = (label: string, t: number[]) =>
    console.log(`${label.padEnd(44)} median ${pct(t, 0.5).toFixed(1).padStart(7)} ms   p99 ${pct(t, 0.99).toFixed(1).padStart(7)} ms   max ${t.at(-1)!.toFixed(1).padStart(7)} ms`);

  await lightPage(30); // warm
  const alone = await lightPage(requests);

  let stop = false;
  const pdfTimes: number[] = [];
  const renderers = Array.from({ length: concurrent }, async () => {
    while (!stop) {
      const t = performance.now();
      const r = await fetch(`${base}/api/intakes/${id}/pdf`, { headers: { cookie } });
      if (r.status !== 200) throw new Error(`PDF request failed: ${r.status}`);
      await r.arrayBuffer();
      pdfTimes.push(performance.now() - t);
    }
  });
  await new Promise((r) => setTimeout(r, 500));
  const loaded = await lightPage(requests);
  stop = true;
  await Promise.all(renderers);
  pdfTimes.sort((a, b) => a - b);

  console.log(`\nLight page (GET /) with ${requests} sequential requests; PDFs rendered in the worker pool:`);
  report("alone", alone);
  report(`while ${concurrent} therapist PDFs render continuously`, loaded);
  report(`the PDF downloads themselves (${pdfTimes.length})`, pdfTimes);

  // For comparison: one render in this thread, as a route handler without the pool would do it.
  const { renderPdf } = await import("@/lib/pdf/render-pdf");
  const { assess, DEFAULT_RULE_SET } = await import("@/lib/assessment");
  const { parseIntake } = await import("@/lib/questionnaire");
  const parsed = parseIntake(fullIntake(), { receivedAt: new Date(), timeZone: "America/Toronto", submittedAtPolicy: "not_future" });
  if (!parsed.ok) throw new Error("fixture invalid");
  const input = {
    intakeId: "x",
    reference: "KT-0000-0000",
    receivedAt: parsed.intake.submittedAt,
    submittedAt: parsed.intake.submittedAt,
    answers: parsed.intake.answers as Record<string, unknown>,
    assessment: assess(parsed.intake.answers, parsed.intake.referenceDate, DEFAULT_RULE_SET),
    generatedAt: new Date().toISOString(),
    timeZone: "America/Toronto",
    clinicName: "Bench",
  };
  await renderPdf({ kind: "therapist-summary", input });
  // A 5-ms ticker: the longest gap between its ticks is the longest the event loop was blocked.
  let last = performance.now();
  let longestGap = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    longestGap = Math.max(longestGap, now - last);
    last = now;
  }, 5);
  const t = performance.now();
  await renderPdf({ kind: "therapist-summary", input });
  clearInterval(ticker);
  longestGap = Math.max(longestGap, performance.now() - last);
  console.log(`\nOne summary rendered in the request thread instead: ${(performance.now() - t).toFixed(0)} ms, event loop blocked up to ${longestGap.toFixed(0)} ms at a time.`);
} finally {
  server.stop();
}
process.exit(0);
