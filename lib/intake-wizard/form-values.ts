import type { FieldDef, ItemDef, SectionDef } from "@/lib/questionnaire/types";
import { validateItems, type Issue } from "@/lib/questionnaire/parse-intake";
import type { ItemContext } from "@/lib/questionnaire/item-schemas";
import { formErrorMessage } from "./error-messages";
import {
  cmToFeetInches,
  EPISODE_ITEM,
  episodeMonthsRangeMessage,
  feetInchesToCm,
  monthsToWeeks,
  weeksToMonths,
  type EpisodeUnit,
  HEIGHT_ITEM,
  heightRangeMessage,
  kgToPounds,
  poundsToKg,
  WEIGHT_ITEM,
  weightRangeMessage,
  type HeightUnit,
  type WeightUnit,
} from "./units";

/**
 * The bridge between the questionnaire's canonical answers and what a person types into the form
 * (strings, date parts, imperial units). Universal: the browser validates a step with
 * `parseStep` before sending it, and the server runs the very same function on what it receives.
 */

export interface DateParts {
  day?: string;
  month?: string;
  year?: string;
  /** "I only know the month" (a date item that accepts a month alone). */
  monthOnly?: boolean;
}

/** react-hook-form values for one step: item ids, plus the unit choices for height and weight. */
export type FormValues = Record<string, unknown>;

export interface UnitChoices {
  height?: HeightUnit;
  weight?: WeightUnit;
  episode?: EpisodeUnit;
}

/** An error attached to a form field path (`current_mood_medications.0.other_name`). */
export interface FieldIssue {
  readonly field: string;
  readonly message: string;
  /** The question it is about ("Medication 2: Dose"), so an error summary reads on its own. */
  readonly question?: string;
}

export interface StepResult {
  /** The step's canonical answers (valid ones only; hidden items dropped). */
  readonly answers: Record<string, unknown>;
  readonly units: UnitChoices;
  readonly errors: FieldIssue[];
}

const str = (v: unknown): string => (typeof v === "string" ? v : "");
const isBlank = (v: unknown) => str(v).trim() === "";

function numberText(value: unknown): string {
  return typeof value === "number" ? String(value) : "";
}

/** A number typed by a person ("1,75" and " 80 " included); other text is passed on for the schema to explain. */
function toNumber(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  const normalized = trimmed.replace(",", ".");
  return /^-?\d+(\.\d+)?$/.test(normalized) ? Number(normalized) : trimmed;
}

function datePartsOf(value: unknown, withDay: boolean, acceptMonth = false): DateParts {
  const flag = acceptMonth ? { monthOnly: typeof value === "string" && value.length === 7 } : {};
  if (typeof value !== "string") return withDay ? { day: "", month: "", year: "", ...flag } : { month: "", year: "" };
  const [year = "", month = "", day = ""] = value.split("-");
  const trim = (s: string) => s.replace(/^0+(?=\d)/, "");
  return withDay ? { day: trim(day), month: trim(month), year, ...flag } : { month: trim(month), year };
}

type DateConversion = { value?: string; error?: string };

function fromDateParts(parts: unknown, withDayAsked: boolean, label: string, acceptMonth = false): DateConversion {
  const p = (parts ?? {}) as DateParts;
  // A date that may be a month alone: "I only know the month" ticked, or the day left empty.
  const withDay = withDayAsked && !(acceptMonth && (p.monthOnly === true || isBlank(p.day)));
  const names = withDay ? (["day", "month", "year"] as const) : (["month", "year"] as const);
  const filled = names.filter((n) => !isBlank(p[n]));
  if (filled.length === 0) return {};
  const missing = names.filter((n) => isBlank(p[n]));
  if (missing.length > 0) return { error: `${label} must include a ${missing.join(" and a ")}` };
  if (!names.every((n) => /^\d+$/.test(str(p[n]).trim())) || str(p.year).trim().length !== 4)
    return { error: `Enter ${withDay ? "a real date, for example 27 3 1985" : "a real month and year, for example 3 2024"}` };
  const pad = (s: string | undefined) => str(s).trim().padStart(2, "0");
  const ym = `${str(p.year).trim()}-${pad(p.month)}`;
  return { value: withDay ? `${ym}-${pad(p.day)}` : ym };
}

/** Schema messages describe the JSON format; in the form, dates are typed in parts. */
function formMessage(message: string): string {
  return message.replace(/ as YYYY-MM(-DD)?$/, "");
}

/** Form values for a step, filled from stored answers (and the units the person chose). */
export function toFormValues(section: SectionDef, answers: Readonly<Record<string, unknown>>, units: UnitChoices = {}): FormValues {
  const values: FormValues = {};
  for (const item of section.items) {
    const value = answers[item.id];
    switch (item.type) {
      case "bool":
        values[item.id] = value === true;
        break;
      case "int":
      case "num":
        values[item.id] = item.type === "int" && item.choices ? (typeof value === "number" ? String(value) : null) : numberText(value);
        break;
      case "enum":
        values[item.id] = typeof value === "string" ? value : null;
        break;
      case "multi":
        values[item.id] = Array.isArray(value) ? [...value] : [];
        break;
      case "text":
        values[item.id] = str(value);
        break;
      case "date":
        values[item.id] = datePartsOf(value, true, item.acceptMonth === true);
        break;
      case "month":
        values[item.id] = datePartsOf(value, false);
        break;
      case "rows":
        values[item.id] = Array.isArray(value) && value.length > 0 ? value.map((row) => rowToForm(item.fields, row)) : [emptyRow(item.fields)];
        break;
    }
  }
  if (section.items.some((i) => i.id === HEIGHT_ITEM.id)) {
    values.height_unit = units.height ?? "cm";
    const cm = answers[HEIGHT_ITEM.id];
    const imperial = typeof cm === "number" ? cmToFeetInches(cm) : undefined;
    values.height_ft = imperial ? String(imperial.feet) : "";
    values.height_in = imperial ? String(imperial.inches) : "";
  }
  if (section.items.some((i) => i.id === WEIGHT_ITEM.id)) {
    values.weight_unit = units.weight ?? "kg";
    const kg = answers[WEIGHT_ITEM.id];
    values.weight_lb = typeof kg === "number" ? String(kgToPounds(kg)) : "";
  }
  if (section.items.some((i) => i.id === EPISODE_ITEM.id)) {
    values.current_episode_unit = units.episode ?? "weeks";
    const weeks = answers[EPISODE_ITEM.id];
    if (units.episode === "months" && typeof weeks === "number") values[EPISODE_ITEM.id] = String(weeksToMonths(weeks));
  }
  return values;
}

/** Whether a row asks this field: `onlyWhen` brings it up, `optionalWhen` (not asked when true) takes it away. */
export function rowFieldShown(field: FieldDef, row: Readonly<Record<string, unknown>> | undefined): boolean {
  const answer = (f: string) => String(row?.[f] ?? "");
  if (field.onlyWhen && !field.onlyWhen.in.includes(answer(field.onlyWhen.field))) return false;
  return !field.optionalWhen || !field.optionalWhen.in.includes(answer(field.optionalWhen.field));
}

export function emptyRow(fields: readonly FieldDef[]): Record<string, unknown> {
  return Object.fromEntries(fields.map((f) => [f.id, f.type === "month" ? { month: "", year: "" } : ""]));
}

function rowToForm(fields: readonly FieldDef[], row: unknown): Record<string, unknown> {
  const r = (row ?? {}) as Record<string, unknown>;
  return Object.fromEntries(
    fields.map((f) => {
      const v = r[f.id];
      if (f.type === "month") return [f.id, datePartsOf(v, false)];
      if (f.type === "int" || f.type === "num") return [f.id, numberText(v)];
      return [f.id, str(v)];
    }),
  );
}

interface Converted {
  raw: Record<string, unknown>;
  units: UnitChoices;
  /** Errors found while converting, by form field path; they take precedence over schema errors. */
  errors: Map<string, string>;
}

function convertItem(item: ItemDef, value: unknown, path: string, errors: Map<string, string>): unknown {
  switch (item.type) {
    case "bool":
      return value === true ? true : undefined;
    case "int":
    case "num":
      return item.type === "int" && item.choices ? (isBlank(value) ? undefined : Number(value)) : toNumber(str(value));
    case "enum":
      return isBlank(value) ? undefined : value;
    case "multi":
      return Array.isArray(value) ? value : undefined;
    case "text":
      return str(value);
    case "date":
    case "month": {
      const { value: iso, error } = fromDateParts(value, item.type === "date", item.label, item.type === "date" && item.acceptMonth === true);
      if (error) errors.set(path, error);
      return iso;
    }
    case "rows": {
      if (!Array.isArray(value)) return undefined;
      const rows = value.map((row, index) => convertRow(item.fields, row, `${path}.${index}`, errors));
      // Rows left entirely empty are not entries; the schema then says how many are needed.
      const entered = rows.filter((r) => Object.keys(r).length > 0);
      return entered.length > 0 ? entered : undefined;
    }
  }
}

function convertRow(fields: readonly FieldDef[], row: unknown, path: string, errors: Map<string, string>): Record<string, unknown> {
  const r = (row ?? {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    // A field the row does not ask (another treatment chosen since) sends nothing.
    if (!rowFieldShown(field, r)) continue;
    const v = r[field.id];
    let converted: unknown;
    if (field.type === "month") {
      const { value, error } = fromDateParts(v, false, field.label);
      if (error) errors.set(`${path}.${field.id}`, error);
      converted = value;
    } else if (field.type === "int" || field.type === "num") converted = toNumber(str(v));
    else converted = isBlank(v) ? undefined : str(v);
    if (converted !== undefined) out[field.id] = converted;
  }
  return out;
}

function convertStep(section: SectionDef, values: FormValues): Converted {
  const raw: Record<string, unknown> = {};
  const errors = new Map<string, string>();
  for (const item of section.items) raw[item.id] = convertItem(item, values[item.id], item.id, errors);

  const units: UnitChoices = {};
  if (values.height_unit === "ftin") {
    units.height = "ftin";
    const feet = toNumber(str(values.height_ft));
    const inches = toNumber(str(values.height_in)) ?? (feet === undefined ? undefined : 0);
    if (feet === undefined && inches === undefined) raw[HEIGHT_ITEM.id] = undefined;
    else if (typeof feet !== "number" || typeof inches !== "number" || feet < 0 || inches < 0 || inches >= 12)
      errors.set("height_ft", "Enter feet and inches as numbers, for example 5 ft 7 in");
    else {
      const cm = feetInchesToCm(feet, inches);
      if (cm < HEIGHT_ITEM.min || cm > HEIGHT_ITEM.max) errors.set("height_ft", heightRangeMessage(HEIGHT_ITEM.min, HEIGHT_ITEM.max));
      raw[HEIGHT_ITEM.id] = cm;
    }
  } else if (values.height_unit === "cm") units.height = "cm";
  if (values.weight_unit === "lb") {
    units.weight = "lb";
    const pounds = toNumber(str(values.weight_lb));
    if (pounds === undefined) raw[WEIGHT_ITEM.id] = undefined;
    else if (typeof pounds !== "number") errors.set("weight_lb", "Enter your weight in pounds as a number, for example 154");
    else {
      const kg = poundsToKg(pounds);
      if (kg < WEIGHT_ITEM.min || kg > WEIGHT_ITEM.max) errors.set("weight_lb", weightRangeMessage(WEIGHT_ITEM.min, WEIGHT_ITEM.max));
      raw[WEIGHT_ITEM.id] = kg;
    }
  } else if (values.weight_unit === "kg") units.weight = "kg";
  if (values.current_episode_unit === "months") {
    units.episode = "months";
    const months = toNumber(str(values[EPISODE_ITEM.id]));
    if (months === undefined) raw[EPISODE_ITEM.id] = undefined;
    else if (typeof months !== "number") errors.set(EPISODE_ITEM.id, "Enter the number of months as a number, for example 6");
    else {
      const weeks = monthsToWeeks(months);
      if (months < 0 || weeks < EPISODE_ITEM.min || weeks > EPISODE_ITEM.max) errors.set(EPISODE_ITEM.id, episodeMonthsRangeMessage(EPISODE_ITEM.min, EPISODE_ITEM.max));
      raw[EPISODE_ITEM.id] = weeks;
    }
  } else if (values.current_episode_unit === "weeks") units.episode = "weeks";
  return { raw, units, errors };
}

/** `current_mood_medications[0].other_name` → `current_mood_medications.0.other_name` */
function fieldPathOf(issue: Issue, units: UnitChoices): string {
  if (issue.item === HEIGHT_ITEM.id && units.height === "ftin") return "height_ft";
  if (issue.item === WEIGHT_ITEM.id && units.weight === "lb") return "weight_lb";
  return issue.item.replace(/\[(\d+)\]/g, ".$1");
}

/**
 * Validates one step exactly as the server validates a whole intake. `context` holds the answers
 * from other steps (branching may depend on them).
 */
export function parseStep(
  section: SectionDef,
  values: FormValues,
  context: Readonly<Record<string, unknown>>,
  ctx: ItemContext,
): StepResult {
  const { raw, units, errors: conversionErrors } = convertStep(section, values);
  const result = validateItems(section.items, raw, context, ctx);
  const errors: FieldIssue[] = [];
  const seen = new Set<string>();
  const add = (field: string, message: string) => {
    if (seen.has(field)) return;
    seen.add(field);
    errors.push({ field, message: formErrorMessage(section.items, field, formMessage(message)), question: questionOf(section, field) });
  };
  // Conversion errors first within their item, then the schema's, in question order.
  for (const issue of result.errors) {
    const field = fieldPathOf(issue, units);
    for (const [path, message] of conversionErrors) if (path === field || path.startsWith(`${field}.`)) add(path, message);
    add(field, issue.message);
  }
  for (const [path, message] of conversionErrors) add(path, message);
  const answers = { ...result.answers } as Record<string, unknown>;
  for (const path of conversionErrors.keys()) delete answers[path.split(".")[0]!];
  return { answers, units, errors };
}

function questionOf(section: SectionDef, field: string): string | undefined {
  const [id, index, fieldId] = field.split(".");
  const itemId = id === "height_ft" ? HEIGHT_ITEM.id : id === "weight_lb" ? WEIGHT_ITEM.id : id;
  const item = section.items.find((i) => i.id === itemId);
  if (!item) return undefined;
  if (item.type !== "rows" || fieldId === undefined) return item.label;
  const rowField = item.fields.find((f) => f.id === fieldId);
  return `${item.rowLabel} ${Number(index) + 1}: ${rowField?.label ?? fieldId}`;
}

/** The id of the element an error summary link moves focus to (the first input of the field). */
export function fieldDomId(path: string): string {
  return `f-${path.replace(/\./g, "-")}`;
}
