import type { ValueOf } from "@/lib/questionnaire/answers";
import type { ItemDef } from "@/lib/questionnaire/types";
import { itemSchema, type ItemContext } from "@/lib/questionnaire/item-schemas";
import { escapeForMessage } from "@/lib/questionnaire/text";
import { intakeItem } from "./intake-parts";

/**
 * The session record clinic staff enter after each infusion (treatment-course.md, "Session
 * record"), written in the intake's definition shapes so each field is checked by the intake's item
 * schemas (the same messages) and a form can be built from it. Ranges the intake already has
 * (weight, blood pressure) are the intake's.
 */

const SEVERITY = [
  { value: "none", label: "None", risk: 0 },
  { value: "mild", label: "Mild", risk: 0 },
  { value: "moderate", label: "Moderate", risk: 1 },
  { value: "severe", label: "Severe", risk: 2 },
] as const;

const SYSTOLIC = intakeItem("bp_recent_systolic");
const DIASTOLIC = intakeItem("bp_recent_diastolic");
const bp = <Id extends string, R extends boolean>(id: Id, of: typeof SYSTOLIC | typeof DIASTOLIC, label: string, required: R) =>
  ({ id, type: "int", min: of.min, max: of.max, unit: of.unit, required, label }) as const;

/** The blood-pressure pairs: each is entered whole or (the 40-minute one) not at all; systolic above diastolic. */
export const BP_PAIRS = [
  { systolic: "bp_pre_systolic", diastolic: "bp_pre_diastolic", required: true, label: "before the session" },
  { systolic: "bp_40min_systolic", diastolic: "bp_40min_diastolic", required: false, label: "at 40 minutes" },
  { systolic: "bp_discharge_systolic", diastolic: "bp_discharge_diastolic", required: true, label: "at discharge" },
] as const;

export const SESSION_FIELDS = [
  { id: "session_date", type: "date", relativeToReference: "notAfter", required: true, label: "Date of the session" },
  {
    id: "route",
    type: "enum",
    required: true,
    label: "Route",
    options: [
      { value: "iv", label: "Intravenous (IV)", risk: 0 },
      { value: "im", label: "Intramuscular (IM)", risk: 0 },
      { value: "intranasal_esketamine", label: "Intranasal esketamine", risk: 0 },
      { value: "other", label: "Other", risk: 0 },
    ],
  },
  { ...intakeItem("weight_kg"), required: true, label: "Weight", help: "Defaults to the last known weight." },
  { id: "dose_mg", type: "num", min: 0, max: 1000, unit: "mg", required: true, label: "Dose" },
  { id: "infusion_minutes", type: "int", min: 1, max: 240, unit: "minutes", required: true, label: "Infusion time" },
  bp(BP_PAIRS[0].systolic, SYSTOLIC, "Blood pressure before the session: systolic", true),
  bp(BP_PAIRS[0].diastolic, DIASTOLIC, "Blood pressure before the session: diastolic", true),
  bp(BP_PAIRS[1].systolic, SYSTOLIC, "Blood pressure at 40 minutes: systolic", false),
  bp(BP_PAIRS[1].diastolic, DIASTOLIC, "Blood pressure at 40 minutes: diastolic", false),
  bp(BP_PAIRS[2].systolic, SYSTOLIC, "Blood pressure at discharge: systolic", true),
  bp(BP_PAIRS[2].diastolic, DIASTOLIC, "Blood pressure at discharge: diastolic", true),
  { id: "spo2_lowest", type: "int", min: 50, max: 100, unit: "%", required: false, label: "Lowest oxygen saturation (SpO2)" },
  {
    id: "dissociation",
    type: "enum",
    required: true,
    label: "Dissociation",
    help: "The clinician's judgement (the clinic's own scale, not the CADSS).",
    options: SEVERITY,
  },
  { id: "sedation", type: "enum", required: true, label: "Sedation", options: SEVERITY },
  {
    id: "adverse_events",
    type: "multi",
    required: true,
    label: "Adverse events",
    options: [
      { value: "nausea_vomiting", label: "Nausea or vomiting", risk: 1 },
      { value: "headache", label: "Headache", risk: 1 },
      { value: "anxiety_agitation", label: "Anxiety or agitation", risk: 1 },
      { value: "hypertension_treated", label: "Hypertension needing treatment", risk: 2 },
      { value: "hypotension", label: "Hypotension", risk: 2 },
      { value: "respiratory_depression", label: "Respiratory depression", risk: 3 },
      { value: "elevated_mood_signs", label: "Signs of elevated mood", risk: 2 },
      { value: "other", label: "Other", risk: 1 },
      { value: "none", label: "None", risk: 0 },
    ],
  },
  { id: "discharged_with_escort", type: "bool", required: true, label: "Discharged with an escort" },
  { id: "notes", type: "text", maxLength: 2000, required: false, label: "Notes" },
] as const satisfies readonly ItemDef[];

type SessionField = (typeof SESSION_FIELDS)[number];
export type SessionFieldId = SessionField["id"];

/** A validated session record (optional fields absent when not given). */
export type SessionRecord = { [F in SessionField as F["required"] extends true ? F["id"] : never]: ValueOf<F> } & {
  [F in SessionField as F["required"] extends true ? never : F["id"]]?: ValueOf<F>;
};

export const SESSION_FIELD_IDS: readonly SessionFieldId[] = SESSION_FIELDS.map((f) => f.id);

export interface SessionContext extends ItemContext {
  /** The course's start (a session is not dated before it). */
  readonly startedOn: string;
}

export interface FieldIssue {
  /** The field, relative to the record (`bp_pre_systolic`, or an unknown key). */
  readonly field: string;
  readonly message: string;
}

export type SessionResult = { readonly ok: true; readonly record: SessionRecord } | { readonly ok: false; readonly issues: FieldIssue[] };

const KNOWN = new Set<string>(SESSION_FIELD_IDS);

/** Validates one session record: each field with its schema, then the pair and date rules. Never throws. */
export function parseSessionRecord(raw: unknown, ctx: SessionContext): SessionResult {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) return { ok: false, issues: [{ field: "", message: "Must be an object of session fields" }] };
  const input = raw as Record<string, unknown>;
  const issues: FieldIssue[] = [];
  for (const key of Object.keys(input)) if (!KNOWN.has(key)) issues.push({ field: escapeForMessage(key) || '""', message: "Unknown field; remove it" });

  const valid: Record<string, unknown> = {};
  for (const field of SESSION_FIELDS as readonly ItemDef[]) {
    const value = input[field.id];
    if (value === undefined) {
      if (field.required && !isPairPart(field.id)) issues.push({ field: field.id, message: missing(field) });
      continue;
    }
    const parsed = itemSchema(field, ctx).safeParse(value);
    if (parsed.success) valid[field.id] = parsed.data;
    else issues.push({ field: field.id, message: parsed.error.issues[0]?.message ?? "Invalid value" });
  }
  issues.push(...crossFieldIssues(input, valid, ctx));
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, record: valid as SessionRecord };
}

const isPairPart = (id: string) => BP_PAIRS.some((p) => p.systolic === id || p.diastolic === id);

function missing(field: ItemDef): string {
  if (field.type === "enum") return "Choose an answer";
  if (field.type === "multi") return "Choose at least one option";
  if (field.type === "bool") return "Answer yes or no";
  if (field.type === "date") return "Enter a date as YYYY-MM-DD";
  return "Answer this question";
}

function crossFieldIssues(input: Record<string, unknown>, valid: Record<string, unknown>, ctx: SessionContext): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const pair of BP_PAIRS) {
    const hasSys = input[pair.systolic] !== undefined;
    const hasDia = input[pair.diastolic] !== undefined;
    if (!hasSys && !hasDia) {
      if (pair.required) issues.push({ field: pair.systolic, message: `Enter the blood pressure ${pair.label} (both numbers)` });
      continue;
    }
    if (!hasSys) issues.push({ field: pair.systolic, message: "Enter the systolic number too, or leave both numbers empty" });
    if (!hasDia) issues.push({ field: pair.diastolic, message: "Enter the diastolic number too, or leave both numbers empty" });
    const sys = valid[pair.systolic] as number | undefined;
    const dia = valid[pair.diastolic] as number | undefined;
    if (sys !== undefined && dia !== undefined && sys <= dia)
      issues.push({ field: pair.systolic, message: "The top number (systolic) must be higher than the bottom number (diastolic)" });
  }
  const date = valid.session_date as string | undefined;
  if (date !== undefined && date < ctx.startedOn) issues.push({ field: "session_date", message: "Enter a date on or after the start of the course" });
  return issues;
}

/** mg/kg as the page shows it beside the dose (2 decimals); flags use the exact ratio. */
export function doseMgPerKgShown(record: Pick<SessionRecord, "dose_mg" | "weight_kg">): string {
  return (record.dose_mg / record.weight_kg).toFixed(2);
}
