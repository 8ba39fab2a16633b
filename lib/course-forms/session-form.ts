import { doseMgPerKgShown, SESSION_FIELDS, SESSION_FIELD_IDS } from "@/lib/course";
import type { ItemDef } from "@/lib/questionnaire/types";

/**
 * The session form's values as the browser posts them (strings; checkboxes as a list) and the
 * record parseSessionRecord checks. Universal: the form computes mg/kg with it live, the server
 * page without scripts, the action converts a post with it. Field rules stay in lib/course.
 */

export type SessionFormValues = Record<string, string | string[]>;

const FIELDS = SESSION_FIELDS as readonly ItemDef[];
const NUMBER = /^\s*-?\d+(\.\d+)?\s*$/;

/** A post read back into form values: only the record's fields, each as its input posts it. */
export function sessionFormValues(read: (name: string) => string | undefined, readAll: (name: string) => string[]): SessionFormValues {
  const values: SessionFormValues = {};
  for (const f of FIELDS) values[f.id] = f.type === "multi" ? readAll(f.id) : (read(f.id) ?? "");
  return values;
}

/** The raw record for the server's checks: empty inputs left out, numbers as numbers, yes/no as booleans (anything else kept, so its check names it). */
export function sessionRecordOf(values: Readonly<SessionFormValues>): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const f of FIELDS) {
    const value = values[f.id];
    if (f.type === "multi") {
      const list = Array.isArray(value) ? value : [];
      if (list.length > 0) record[f.id] = list;
      continue;
    }
    const text = typeof value === "string" ? value : "";
    if (text.trim() === "") continue;
    if (f.type === "int" || f.type === "num") record[f.id] = NUMBER.test(text) ? Number(text) : text;
    else if (f.type === "bool") record[f.id] = text === "yes" ? true : text === "no" ? false : text;
    else record[f.id] = f.type === "text" ? text : text.trim();
  }
  return record;
}

/** A stored record as the correction form starts with it. */
export function formValuesOfRecord(record: Readonly<Record<string, unknown>>): SessionFormValues {
  const values: SessionFormValues = {};
  for (const id of SESSION_FIELD_IDS) {
    const v = record[id];
    if (Array.isArray(v)) values[id] = v.map(String);
    else if (typeof v === "boolean") values[id] = v ? "yes" : "no";
    else values[id] = v === undefined || v === null ? "" : String(v);
  }
  return values;
}

/** mg/kg beside the dose (two decimals, as stored records show it), or null until dose and a positive weight are numbers. */
export function mgPerKgOf(values: Readonly<SessionFormValues>): string | null {
  const dose = values.dose_mg;
  const weight = values.weight_kg;
  if (typeof dose !== "string" || typeof weight !== "string" || !NUMBER.test(dose) || !NUMBER.test(weight)) return null;
  const d = Number(dose);
  const w = Number(weight);
  if (!(w > 0) || d < 0) return null;
  return doseMgPerKgShown({ dose_mg: d, weight_kg: w });
}
