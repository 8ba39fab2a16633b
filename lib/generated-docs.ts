import { renderIntakeFormatDoc } from "@/lib/questionnaire/format-doc";
import { renderAssessmentRulesDoc } from "@/lib/assessment/rules-doc";
import { renderCourseRulesDoc } from "@/lib/course/rules-doc";
import { fhirQuestionnaire, PUBLISHED } from "@/lib/fhir/questionnaire";

/** Documents generated from code; `npm run docs:generate` writes them and a test checks they are current. */
export const generatedDocs: Record<string, () => string> = {
  "docs/intake-format.md": renderIntakeFormatDoc,
  "docs/assessment-rules.md": renderAssessmentRulesDoc,
  "docs/course-rules.md": renderCourseRulesDoc,
  // The FHIR Questionnaires the server publishes at /api/fhir/Questionnaire/{name}|{version}.
  ...Object.fromEntries(PUBLISHED.map(({ name, version }) => [`docs/fhir/Questionnaire-${name}-${version}.json`, () => `${JSON.stringify(fhirQuestionnaire(name, version), null, 2)}\n`])),
};
