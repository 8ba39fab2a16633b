import { renderToBuffer } from "@react-pdf/renderer";
import { registerFonts } from "./fonts";
import { TherapistSummary, type TherapistSummaryInput } from "./therapist-summary";
import { ClientCopy, type ClientCopyInput } from "./client-copy";

/** Renders a PDF in this thread. The server calls it through the worker pool (render-pool.ts). */

export type PdfJob = { kind: "therapist-summary"; input: TherapistSummaryInput } | { kind: "client-copy"; input: ClientCopyInput };

export async function renderPdf(job: PdfJob): Promise<Buffer> {
  registerFonts();
  return job.kind === "therapist-summary"
    ? renderToBuffer(<TherapistSummary input={job.input} />)
    : renderToBuffer(<ClientCopy input={job.input} />);
}
