import { Readable } from "node:stream";
import { stringify, type Options } from "csv-stringify";

/**
 * The one CSV writer of the exports (ADR: csv-stringify). Every file it writes is UTF-8 with a
 * byte order mark (Excel then opens é and ñ right), CRLF line ends (RFC 4180), and formula-safe:
 *
 * Neutralisation rule (OWASP "CSV Injection"): a cell whose text begins with `=`, `+`, `-`, `@`,
 * tab or carriage return (and their full-width forms, which some spreadsheets also take) gets a
 * single quote `'` in front, so a spreadsheet shows it as text and never runs it. The one exemption
 * is a cell given as a JavaScript number (a score we computed, a negative change such as −3):
 * it is written as a plain number, so it stays a number in the sheet. Anything a person typed is
 * always a string here, never a number, so it is never exempt — "-2+3" typed in a free-text answer
 * is written `'-2+3`. csv-stringify's `escape_formulas` implements exactly this (tested in
 * tests/unit/csv-writer.test.ts, so a change of the library's rule fails there).
 *
 * Streamed: rows are pulled from an async source only as fast as the reader takes the bytes, so a
 * 100,000-row export never sits in memory (tests/integration/csv-exports.test.ts, bench section).
 */

/** What a cell may hold: text (always neutralised), a number we computed (exempt), or nothing. */
export type CsvCell = string | number | null | undefined;

export interface CsvColumn<Row> {
  header: string;
  cell: (row: Row) => CsvCell;
}

export const CSV_OPTIONS = {
  bom: true,
  record_delimiter: "\r\n",
  // Quote a cell holding a bare LF or CR as well as CRLF: with an explicit record_delimiter the
  // library otherwise quotes only CRLF, and a bare line break would split the record in two.
  quote_record_delimiter: true,
  escape_formulas: true,
  eof: true,
} as const satisfies Options;

/** Rows → CSV records (arrays of cells), lazily: one row in, one record out. */
async function* records<Row>(columns: readonly CsvColumn<Row>[], rows: AsyncIterable<Row>): AsyncGenerator<CsvCell[]> {
  for await (const row of rows) yield columns.map((c) => c.cell(row) ?? null);
}

/**
 * The CSV bytes as a Node stream (header row first, even with no rows). Back-pressure end to end:
 * Readable.from pulls the next row only when csv-stringify's buffer has room, and that buffer
 * drains only as fast as the reader reads. Destroying the stream ends the row source (its
 * `finally` runs).
 */
export function csvNodeStream<Row>(columns: readonly CsvColumn<Row>[], rows: AsyncIterable<Row>): Readable {
  const stringifier = stringify({ ...CSV_OPTIONS, header: true, columns: columns.map((c) => c.header) });
  const source = Readable.from(records(columns, rows));
  source.on("error", (error) => stringifier.destroy(error));
  stringifier.on("close", () => source.destroy());
  return source.pipe(stringifier);
}

/**
 * The CSV as a web ReadableStream for a route's Response. Each pull reads one chunk from the
 * Node stream (nothing is read ahead of the client); a cancelled download destroys it.
 */
export function csvStream<Row>(columns: readonly CsvColumn<Row>[], rows: AsyncIterable<Row>, onError?: (error: unknown) => void): ReadableStream<Uint8Array> {
  const node = csvNodeStream(columns, rows);
  const chunks = node[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const next = await chunks.next();
          if (next.done) controller.close();
          else controller.enqueue(new Uint8Array(next.value.buffer, next.value.byteOffset, next.value.byteLength));
        } catch (error) {
          onError?.(error);
          controller.error(error);
        }
      },
      cancel() {
        node.destroy();
      },
    },
    { highWaterMark: 1 },
  );
}

/** A download response: the server's filename (never the person's name), never cached. */
export function csvResponse(body: ReadableStream<Uint8Array>, filename: string): Response {
  return new Response(body, {
    status: 200,
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, "")}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
