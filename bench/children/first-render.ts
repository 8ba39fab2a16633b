// Child process: time one therapist summary from a cold start (imports, fonts, layout), print ms.
const start = performance.now();
const { renderPdf } = await import("@/lib/pdf/render-pdf");
const { sampleSummaryInput } = await import("../support/sample-intake");
await renderPdf({ kind: "therapist-summary", input: sampleSummaryInput() });
process.stdout.write(JSON.stringify({ firstRenderMs: performance.now() - start }));
export {};
