import fs from "node:fs";
import path from "node:path";
import { Font } from "@react-pdf/renderer";
import { woffToSfnt } from "./woff-to-sfnt";

/**
 * Noto Sans from @fontsource (WOFF; react-pdf reads neither WOFF2 nor variable fonts), registered
 * per subset and used as a fallback chain, so Latin Extended ("Łukasz Øster") and Vietnamese
 * ("Nguyễn") render. Read from node_modules on disk: no network at build or run time.
 */

const FILES = path.join(/*turbopackIgnore: true*/ process.cwd(), "node_modules", "@fontsource", "noto-sans", "files");
const SUBSETS = [
  ["NotoSans", "latin"],
  ["NotoSansLatinExt", "latin-ext"],
  ["NotoSansVietnamese", "vietnamese"],
] as const;

export const FONT_FAMILY = SUBSETS.map(([family]) => family);

let registered = false;
let pageNumberFont: Buffer | undefined;

/** The regular Latin face as a font file, for the page numbers drawn straight onto each page. */
export function pageNumberFontFile(): Buffer {
  pageNumberFont ??= woffToSfnt(fs.readFileSync(path.join(FILES, "noto-sans-latin-400-normal.woff")));
  return pageNumberFont;
}

/** The font unwrapped from its WOFF once, handed to react-pdf as a data URL (no file written, no network). */
export function fontSource(file: string): string {
  return `data:font/ttf;base64,${woffToSfnt(fs.readFileSync(path.join(FILES, file))).toString("base64")}`;
}

export function registerFonts(): void {
  if (registered) return;
  for (const [family, subset] of SUBSETS) {
    Font.register({
      family,
      fonts: (["normal", "italic"] as const).flatMap((fontStyle) =>
        ([400, 700] as const).map((fontWeight) => ({ src: fontSource(`noto-sans-${subset}-${fontWeight}-${fontStyle}.woff`), fontWeight, fontStyle })),
      ),
    });
  }
  // Words stay whole: no hyphenation, break only between words (or inside a word too long for a line).
  Font.registerHyphenationCallback((word) => [word]);
  registered = true;
}
