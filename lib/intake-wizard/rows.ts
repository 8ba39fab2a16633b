import { z } from "zod";
import type { FieldDef, RowsItem } from "@/lib/questionnaire/types";
import { emptyRow, rowFieldShown } from "./form-values";

/**
 * The "add another" loop of a list (medicines, past treatments; GOV.UK "Add another" pattern):
 * one entry is typed at a time, the others are listed with Change and Remove. The same actions
 * run in the browser and, without JavaScript, on the server (the buttons post `_rows`). Universal.
 */

export type RowAction = { kind: "add" | "save" } | { kind: "change" | "remove"; index: number };
type Row = Record<string, unknown>;

/** `_rows` as a button posts it: "add:current_mood_medications", "remove:past_treatment_trials:1". */
export const rowActionField = z
  .string()
  .max(120)
  .regex(/^(add|save|change|remove):[a-z0-9_]{1,64}(:\d{1,2})?$/);

export function rowActionValue(item: RowsItem, action: RowAction): string {
  return `${action.kind}:${item.id}${"index" in action ? `:${action.index}` : ""}`;
}

export function parseRowAction(value: string): { itemId: string; action: RowAction } | undefined {
  if (!rowActionField.safeParse(value).success) return undefined;
  const [kind, itemId, index] = value.split(":") as [RowAction["kind"], string, string | undefined];
  if (kind === "add" || kind === "save") return index === undefined ? { itemId, action: { kind } } : undefined;
  return index === undefined ? undefined : { itemId, action: { kind, index: Number(index) } };
}

export function isBlankRow(row: Row | undefined): boolean {
  return Object.values(row ?? {}).every((v) => (typeof v === "string" ? v.trim() === "" : v && typeof v === "object" ? Object.values(v).every((p) => typeof p !== "string" || p.trim() === "") : !v));
}

/** Which entry is open for typing when a page is first shown: the one blank entry of an empty list, else none. */
export function initialOpenRow(rows: readonly Row[]): number | null {
  return rows.length === 1 && isBlankRow(rows[0]) ? 0 : rows.length === 0 ? 0 : null;
}

/**
 * The rows and the open entry after an action. Adding keeps a typed entry (it joins the list) and
 * opens a new blank one; saving closes the open entry (a blank one is dropped); removing leaves one
 * blank entry open when none is left, so there is always somewhere to type.
 */
export function applyRowAction(item: RowsItem, rows: readonly Row[], open: number | null, action: RowAction): { rows: Row[]; open: number | null } {
  let next = [...rows];
  const dropBlankOpen = () => {
    if (open !== null && next.length > 1 && isBlankRow(next[open])) next = next.filter((_, i) => i !== open);
  };
  switch (action.kind) {
    case "add": {
      const blank = next.findIndex((row) => isBlankRow(row));
      if (blank >= 0) return { rows: next, open: blank };
      if (next.length >= item.maxRows) return { rows: next, open: null };
      next.push(emptyRow(item.fields));
      return { rows: next, open: next.length - 1 };
    }
    case "save":
      dropBlankOpen();
      return { rows: next, open: next.length === 1 && isBlankRow(next[0]) ? 0 : null };
    case "change":
      if (action.index < 0 || action.index >= next.length || action.index === open) return { rows: next, open };
      dropBlankOpen();
      return { rows: next, open: next.indexOf(rows[action.index]!) };
    case "remove": {
      if (action.index < 0 || action.index >= next.length) return { rows: next, open };
      next.splice(action.index, 1);
      if (next.length === 0) return { rows: [emptyRow(item.fields)], open: 0 };
      const stillOpen = open === null || open === action.index ? null : open > action.index ? open - 1 : open;
      return { rows: next, open: stillOpen };
    }
  }
}

function fieldText(field: FieldDef, value: unknown): string {
  if (field.type === "enum") return field.options.find((o) => o.value === value)?.label ?? "";
  if (field.type === "month") {
    const p = (value ?? {}) as { month?: string; year?: string };
    return p.month?.trim() && p.year?.trim() ? `${p.month.trim()}/${p.year.trim()}` : "";
  }
  const text = typeof value === "string" ? value.trim() : typeof value === "number" ? String(value) : "";
  return text && "unit" in field && field.unit ? `${text} ${field.unit}` : text;
}

/** An entry in words for its line in the list: what it is, then the other answers it holds. */
export function rowSummary(item: RowsItem, row: Row): { title: string; details: { label: string; text: string }[] } {
  const [first, ...rest] = item.fields.filter((f) => rowFieldShown(f, row));
  // "Other" names itself: the name typed replaces the word "Other".
  const named = rest.find((f) => f.onlyWhen?.field === first?.id);
  const title = (named && fieldText(named, row[named.id])) || (first ? fieldText(first, row[first.id]) : "") || "Not answered yet";
  const details = rest
    .filter((f) => f !== named)
    .map((f) => ({ label: f.label, text: fieldText(f, row[f.id]) }))
    .filter((d) => d.text !== "");
  return { title, details };
}
