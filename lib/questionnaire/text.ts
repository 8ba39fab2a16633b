/** Text rules shared by the schema and the search-index tokenizer. Universal code. */

/** NFC, surrounding whitespace trimmed, Windows line endings folded to "\n". */
export function normalizeText(value: string): string {
  return value.normalize("NFC").replace(/\r\n/g, "\n").trim();
}

export function codePointLength(value: string): number {
  let n = 0;
  for (const _ of value) n++;
  return n;
}

// C0 controls except tab/newline, DEL, C1 controls, bidirectional overrides/isolates, and lone
// surrogates (they cannot be stored as UTF-8).
const ALWAYS_FORBIDDEN = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]|\p{Cs}/u;
// One-line fields also refuse line breaks, tabs and what cannot be seen: every format character
// (\p{Cf}: zero-width space, word joiner, BOM, soft hyphen, LRM/RLM/ALM, tag characters, interlinear
// annotation …) except the zero-width (non-)joiners that Persian and Indic names and emoji need, the
// combining grapheme joiner, the Hangul fillers and the blank braille pattern (they render as
// nothing), the Mongolian vowel separator and the line/paragraph separators.
const LINE_CONTROLS = /[\t\n\u2028\u2029\u034F\u115F\u1160\u3164\uFFA0\u2800\u180E]|(?![\u200C\u200D])\p{Cf}/u;

/** Fields at least this long may hold newlines and tabs. */
export const MULTILINE_MIN_LENGTH = 500;

export function hasForbiddenCharacters(value: string, maxLength: number): boolean {
  if (ALWAYS_FORBIDDEN.test(value)) return true;
  return maxLength < MULTILINE_MIN_LENGTH && LINE_CONTROLS.test(value);
}

/**
 * Makes an untrusted key safe to echo in an error: control, format and bidi characters become
 * \u{…} escapes and the result is cut to 64 characters.
 */
export function escapeForMessage(key: string): string {
  let out = "";
  for (const ch of key) {
    const cp = ch.codePointAt(0)!;
    out += /[\p{C}\p{Zl}\p{Zp}]/u.test(ch) || ch === "\\" || ch === '"' ? `\\u{${cp.toString(16)}}` : ch;
  }
  const chars = [...out];
  return chars.length > 64 ? chars.slice(0, 63).join("") + "…" : out;
}

/** Folded name tokens for the blind name index: NFC, accents stripped, case-folded, split on non-letters. */
export function nameTokens(name: string): string[] {
  const folded = name
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .replace(/ß/g, "ss")
    .replace(/[łŁ]/g, "l")
    .replace(/[øØ]/g, "o")
    .replace(/[æÆ]/g, "ae")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .normalize("NFC");
  return [...new Set(folded.split(/[^\p{L}\p{N}]+/u).filter((t) => t.length > 0))];
}
