import { renderIntakeFormatDoc } from "@/lib/questionnaire/format-doc";

/** Documents generated from code; `npm run docs:generate` writes them and a test checks they are current. */
export const generatedDocs: Record<string, () => string> = {
  "docs/intake-format.md": renderIntakeFormatDoc,
};
