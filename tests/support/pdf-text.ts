import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** Text of a PDF as a reader sees it: pdftotext (poppler-utils), NFKC-normalised, whitespace collapsed. */
export function pdfText(pdf: Buffer, options: { layout?: boolean; page?: number } = {}): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pdf-")), "doc.pdf");
  fs.writeFileSync(file, pdf);
  const args = [...(options.layout ? ["-layout"] : []), ...(options.page ? ["-f", String(options.page), "-l", String(options.page)] : []), file, "-"];
  return execFileSync("pdftotext", args, { encoding: "utf8" }).normalize("NFKC");
}

export const flat = (text: string) => text.replace(/\s+/g, " ").trim();

export function pdfPages(pdf: Buffer): number {
  return (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
}

export function pdfFonts(pdf: Buffer): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pdf-")), "doc.pdf");
  fs.writeFileSync(file, pdf);
  return execFileSync("pdffonts", [file], { encoding: "utf8" });
}
