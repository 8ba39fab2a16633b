/**
 * A tiny RFC 4180 reader for tests (no CSV parser is installed): quoted fields with doubled quotes
 * and line breaks inside, records ended by CRLF. Throws on a bare LF or CR outside quotes, so a
 * file with the wrong line ends fails the test that reads it.
 */
export function readCsv(bytes: Uint8Array): { bom: boolean; rows: string[][] } {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bom ? bytes.subarray(3) : bytes);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === ",") row.push(field), (field = "");
    else if (c === "\r" && text[i + 1] === "\n") row.push(field), rows.push(row), (row = []), (field = ""), i++;
    else if (c === "\r" || c === "\n") throw new Error(`a bare ${c === "\r" ? "CR" : "LF"} outside quotes at character ${i}`);
    else field += c;
  }
  if (quoted) throw new Error("an unterminated quoted field");
  if (field !== "" || row.length > 0) throw new Error("the last record has no CRLF");
  return { bom, rows };
}

/** The rows as objects keyed by the header row. */
export function csvRecords(bytes: Uint8Array): Record<string, string>[] {
  const [header, ...rows] = readCsv(bytes).rows;
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!])));
}

export async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
