import { renderIntakeFormatDoc } from "@/lib/questionnaire/format-doc";
import { renderAssessmentRulesDoc } from "@/lib/assessment/rules-doc";
import { renderCourseRulesDoc } from "@/lib/course/rules-doc";

/** Documents generated from code; `npm run docs:generate` writes them and a test checks they are current. */
export const generatedDocs: Record<string, () => string> = {
  "docs/intake-format.md": renderIntakeFormatDoc,
  "docs/assessment-rules.md": renderAssessmentRulesDoc,
  "docs/course-rules.md": renderCourseRulesDoc,
};
