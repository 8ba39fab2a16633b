import { renderToBuffer } from "@react-pdf/renderer";
import { registerFonts } from "./fonts";
import { TherapistSummary, type TherapistSummaryInput } from "./therapist-summary";
import { ClientCopy, type ClientCopyInput } from "./client-copy";
import { ProgressSummary, type ProgressSummaryInput } from "./progress-summary";

/** Renders a PDF in this thread. The server calls it through the worker pool (render-pool.ts). */

export type PdfJob =
  | { kind: "therapist-summary"; input: TherapistSummaryInput }
  | { kind: "client-copy"; input: ClientCopyInput }
  | { kind: "progress-summary"; input: ProgressSummaryInput };

export async function renderPdf(job: PdfJob): Promise<Buffer> {
  registerFonts();
  switch (job.kind) {
    case "therapist-summary":
      return renderToBuffer(<TherapistSummary input={job.input} />);
    case "client-copy":
      return renderToBuffer(<ClientCopy input={job.input} />);
    case "progress-summary":
      return renderToBuffer(<ProgressSummary input={job.input} />);
  }
}
