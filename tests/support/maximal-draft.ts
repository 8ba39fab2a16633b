import { questionnaire } from "@/lib/questionnaire";
import type { FieldDef, ItemDef, OptionDef } from "@/lib/questionnaire/types";
import type { DraftState } from "@/lib/intake-wizard/drafts";

/**
 * The largest draft a person can legitimately produce, built from the questionnaire definition:
 * every text at its maxLength in 4-byte characters (the most UTF-8 a code point takes), every
 * multiple choice with all options, every list at maxRows, and, as pending, the largest step's
 * form filled the same way. Used to check the draft size cap leaves room for it.
 */
const WIDE = "😀"; // one code point, four bytes in UTF-8, kept as is by JSON.stringify
const longest = (options: readonly OptionDef[]) => options.reduce((a, o) => (o.value.length > a.length ? o.value : a), "");
const numberText = (max: number) => `${max}.25`;

function answerOf(def: ItemDef | FieldDef): unknown {
  switch (def.type) {
    case "bool":
      return true;
    case "int":
    case "num":
      return Number(numberText(def.max));
    case "enum":
      return longest(def.options);
    case "multi":
      return def.options.map((o) => o.value);
    case "text":
      return WIDE.repeat(def.maxLength);
    case "date":
      return "1985-12-31";
    case "month":
      return "2024-12";
    case "rows":
      return Array.from({ length: def.maxRows }, () => Object.fromEntries(def.fields.map((f) => [f.id, answerOf(f)])));
  }
}

function formValueOf(def: ItemDef | FieldDef): unknown {
  switch (def.type) {
    case "int":
    case "num":
      return numberText(def.max);
    case "date":
      return { day: "31", month: "12", year: "1985" };
    case "month":
      return { month: "12", year: "2024" };
    case "rows":
      return Array.from({ length: def.maxRows }, () => Object.fromEntries(def.fields.map((f) => [f.id, formValueOf(f)])));
    default:
      return answerOf(def);
  }
}

export function maximalAnswers(): Record<string, unknown> {
  return Object.fromEntries(questionnaire.sections.flatMap((s) => s.items.map((i) => [i.id, answerOf(i as ItemDef)])));
}

/** One step's form filled to the maximum, with the unit fields the height and weight step adds. */
export function maximalStepValues(sectionId: string): Record<string, unknown> {
  const section = questionnaire.sections.find((s) => s.id === sectionId)!;
  const values: Record<string, unknown> = Object.fromEntries(section.items.map((i) => [i.id, formValueOf(i as ItemDef)]));
  if ("height_cm" in values) Object.assign(values, { height_unit: "ftin", height_ft: "8", height_in: "11.75" });
  if ("weight_kg" in values) Object.assign(values, { weight_unit: "lb", weight_lb: "1000.25" });
  return values;
}

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value), "utf8");

/** The section whose maximal form is largest. */
export function largestSection(): string {
  return questionnaire.sections.map((s) => s.id).reduce((a, b) => (bytes(maximalStepValues(b)) > bytes(maximalStepValues(a)) ? b : a));
}

export function maximalDraftState(): DraftState {
  const section = largestSection();
  return { answers: maximalAnswers(), units: { height: "ftin", weight: "lb" }, pending: { section, values: maximalStepValues(section) } };
}

export const stateBytes = bytes;
