import { execFileSync } from "node:child_process";

/** A downloaded PDF's text, via pdftotext (poppler-utils), NFKC-normalised. */
export function pdfText(pdf: Buffer): string {
  return execFileSync("pdftotext", ["-", "-"], { input: pdf, encoding: "utf8" }).normalize("NFKC");
}
