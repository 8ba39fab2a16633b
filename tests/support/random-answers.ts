import fc from "fast-check";
import { itemsOfVersion, validateAnswers, type ItemDef, type QuestionnaireVersion } from "@/lib/questionnaire";
import { fullAnswers, fullAnswersV2, minimalAnswers, minimalAnswersV2 } from "../fixtures/intakes";
import { REFERENCE_DATE } from "./assess-answers";

type Raw = Record<string, unknown>;
const ctx = { referenceDate: REFERENCE_DATE };

export const EXCLUSIVE = ["none", "prefer_to_discuss", "unsure"];

/** Items of a version with a finite set of answers: enums, multis and scale items. */
export const scalarItemsOf = (version: QuestionnaireVersion) =>
  itemsOfVersion(version).filter((i) => i.type === "enum" || i.type === "multi" || (i.type === "int" && i.choices)) as ItemDef[];
export const scalarItems = scalarItemsOf("1");

/** A random answer for an item from its own definition (may be invalid for the whole intake). */
export function answerFor(item: ItemDef): fc.Arbitrary<unknown> {
  if (item.type === "enum") return fc.constantFrom(...item.options.map((o) => o.value));
  if (item.type === "int") return fc.integer({ min: item.min, max: item.max });
  if (item.type === "multi") {
    const plain = item.options.map((o) => o.value).filter((v) => !EXCLUSIVE.includes(v));
    const exclusive = item.options.map((o) => o.value).filter((v) => EXCLUSIVE.includes(v));
    return fc.oneof(fc.subarray(plain, { minLength: item.mayBeEmpty ? 0 : 1 }), ...exclusive.map((v) => fc.constant([v])));
  }
  return fc.constant(undefined);
}

const BASES: Record<QuestionnaireVersion, Raw[]> = {
  "1": [fullAnswers(), minimalAnswers(), minimalAnswers({ sex_at_birth: "female", pregnancy_status: "planning" })],
  "2": [fullAnswersV2(), minimalAnswersV2(), minimalAnswersV2({ sex_at_birth: "female", pregnancy_status: "planning" })],
};

/** Schema-valid intakes of a version: a fixture with random answers swapped in, kept when the schema accepts it. */
export const validAnswersOf = (version: QuestionnaireVersion) => fc
  .tuple(
    fc.constantFrom(...BASES[version]),
    fc.array(fc.constantFrom(...scalarItemsOf(version)).chain((item) => answerFor(item).map((value) => [item.id, value] as const)), { maxLength: 25 }),
  )
  .map(([base, changes]) => {
    const answers: Raw = { ...base };
    for (const [id, value] of changes) answers[id] = value;
    // Follow-ups opened by a change need an answer to stay valid.
    const defaults: Raw = {
      si_intent: "no", si_plan: "no", bp_controlled: "yes", benzodiazepine_use: "as_needed", cardio_event_past_6_weeks: "no",
      prior_ketamine_routes: ["iv"], prior_ketamine_response: "helpful", prior_ketamine_adverse: ["none"], auditc_2: 0, auditc_3: 0,
      pregnancy_status: "not_pregnant", current_mood_medications: [{ name: "lithium" }],
      past_treatment_trials: [{ treatment: "lithium", weeks: 8, adequate_dose: "yes", outcome: "partial" }],
      ...(version === "2" ? { last_hospitalization: "within_12_months", lethal_means_access: ["none"], safety_plan: "yes" } : {}),
    };
    for (const [id, value] of Object.entries(defaults)) if (answers[id] === undefined) answers[id] = value;
    return validateAnswers(answers, ctx, version);
  })
  .filter((r) => r.errors.length === 0)
  .map((r) => r.answers as Raw);

export const validAnswers = validAnswersOf("1");
