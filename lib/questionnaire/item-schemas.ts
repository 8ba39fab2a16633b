// zod/mini: the same validation as classic zod, tree-shakable — this module ships to the browser.
import * as z from "zod/mini";
import type { DateItem, FieldDef, IntItem, ItemDef, MultiItem, NumItem, RowsItem, TextItem } from "./types";
import { codePointLength, hasForbiddenCharacters, MULTILINE_MIN_LENGTH, normalizeText } from "./text";
import { isRealDate, isRealMonth } from "./dates";

/**
 * zod schemas for single items, built from the definition. Used by the server-side intake parser
 * and, step by step, by the form. Messages say how to fix the answer and never echo it.
 */

export interface ItemContext {
  /** The reference date (YYYY-MM-DD) that dates and months are checked against. */
  readonly referenceDate: string;
}

/** Options that stand alone in a multi: each is exclusive with every other option (family_history's `unsure` since version 2). */
export const EXCLUSIVE_OPTIONS = ["none", "prefer_to_discuss", "unsure"] as const;

const PHONE = /^[0-9 +()-]+$/;

function numberSchema(item: IntItem | NumItem | (FieldDef & { type: "int" | "num" })) {
  const range = `between ${item.min} and ${item.max}${item.unit ? ` ${item.unit}` : ""}`;
  const whole = item.type === "int";
  return z.number({ error: `Enter a ${whole ? "whole number" : "number"} ${range}` }).check(
    ...(whole ? [z.int({ error: `Enter a whole number ${range}` })] : []),
    z.minimum(item.min, { error: `Enter a number ${range}` }),
    z.maximum(item.max, { error: `Enter a number ${range}` }),
  );
}

const EMAIL = z.email();

function textSchema(item: Pick<TextItem, "maxLength" | "format">) {
  return z.pipe(
    z.pipe(z.string({ error: "Enter text" }), z.transform(normalizeText)),
    z.string().check(
      z.refine((v: string) => !hasForbiddenCharacters(v, item.maxLength), {
        error:
          item.maxLength < MULTILINE_MIN_LENGTH
            ? "Remove line breaks, tabs, invisible characters and text-direction marks"
            : "Remove control characters or text-direction marks",
      }),
      z.refine((v: string) => codePointLength(v) <= item.maxLength, { error: `Use ${item.maxLength} characters or fewer` }),
      z.refine((v: string) => item.format !== "email" || EMAIL.safeParse(v).success, { error: "Enter an email address like name@example.com" }),
      z.refine((v: string) => item.format !== "phone" || (PHONE.test(v) && (v.match(/\d/g)?.length ?? 0) >= 7), {
        error: "Enter a phone number with at least 7 digits, using only digits, spaces and + ( ) -",
      }),
    ),
  );
}

const MONTH_ONLY = /^\d{4}-\d{2}$/;

function dateSchema(item: Pick<DateItem, "relativeToReference" | "minYear" | "acceptMonth">, ctx: ItemContext) {
  const dayOrMonth = z.string({ error: "Enter a date as YYYY-MM-DD" }).check(
    z.refine(isRealDate, { error: "Enter a real date as YYYY-MM-DD", abort: true }),
    z.refine((v: string) => item.minYear === undefined || Number(v.slice(0, 4)) >= item.minYear, { error: `Enter a year of ${item.minYear} or later` }),
    z.refine((v: string) => item.relativeToReference !== "before" || v < ctx.referenceDate, { error: "Enter a date in the past" }),
    z.refine((v: string) => item.relativeToReference !== "notAfter" || v <= ctx.referenceDate, { error: "Enter a date that is not in the future" }),
  );
  if (!item.acceptMonth) return dayOrMonth;
  const month = monthSchema(ctx);
  return z.string({ error: "Enter a date as YYYY-MM-DD, or a month as YYYY-MM" }).check(
    z.superRefine((v: string, check) => {
      const result = (MONTH_ONLY.test(v) ? month : dayOrMonth).safeParse(v);
      if (!result.success) check.addIssue({ code: "custom", input: v, message: result.error.issues[0]!.message });
    }),
  );
}

function monthSchema(ctx: ItemContext) {
  return z.string({ error: "Enter a month as YYYY-MM" }).check(
    z.refine(isRealMonth, { error: "Enter a real month as YYYY-MM", abort: true }),
    z.refine((v: string) => Number(v.slice(0, 4)) >= 1900, { error: "Enter a year of 1900 or later" }),
    z.refine((v: string) => v <= ctx.referenceDate.slice(0, 7), { error: "Enter a month that is not in the future" }),
  );
}

function multiSchema(item: MultiItem) {
  const values = item.options.map((o) => o.value) as [string, ...string[]];
  const exclusive = values.filter((v) => (EXCLUSIVE_OPTIONS as readonly string[]).includes(v));
  return z.array(z.enum(values, { error: "Choose from the listed options" }), { error: "Choose one or more options" }).check(
    z.refine((v: string[]) => item.mayBeEmpty || v.length > 0, { error: "Choose at least one option" }),
    z.refine((v: string[]) => new Set(v).size === v.length, { error: "Choose each option only once" }),
    z.refine((v: string[]) => v.length <= 1 || !v.some((x) => exclusive.includes(x)), {
      error: (issue) => {
        const chosen = Array.isArray(issue.input) ? exclusive.find((x) => (issue.input as unknown[]).includes(x)) : undefined;
        return `"${labelOf(item, chosen ?? exclusive[0]!)}" cannot be combined with other options`;
      },
    }),
  );
}

function labelOf(item: MultiItem, value: string): string | undefined {
  return item.options.find((o) => o.value === value)?.label;
}

function fieldSchema(field: FieldDef, ctx: ItemContext): z.ZodMiniType {
  switch (field.type) {
    case "enum":
      return z.enum(field.options.map((o) => o.value) as [string, ...string[]], { error: "Choose one of the options" });
    case "text":
      return textSchema(field);
    case "int":
    case "num":
      return numberSchema(field);
    case "month":
      return monthSchema(ctx);
  }
}

function rowsSchema(item: RowsItem, ctx: ItemContext) {
  const shape: Record<string, z.ZodMiniType> = {};
  for (const field of item.fields) shape[field.id] = field.required && !field.optionalWhen ? fieldSchema(field, ctx) : z.optional(fieldSchema(field, ctx));
  const row = z.strictObject(shape, { error: "Each entry must be an object of fields" }).check(
    z.superRefine((value: Record<string, unknown>, check) => {
      for (const field of item.fields) {
        if (field.optionalWhen && !field.optionalWhen.in.includes(value[field.optionalWhen.field] as string) && value[field.id] === undefined)
          check.addIssue({ code: "custom", input: value, path: [field.id], message: "Choose one of the options" });
        if (!field.onlyWhen) continue;
        const applies = field.onlyWhen.in.includes(value[field.onlyWhen.field] as string);
        if (applies && value[field.id] === undefined)
          check.addIssue({ code: "custom", input: value, path: [field.id], message: `Enter the ${field.label.toLowerCase()}` });
        if (!applies && value[field.id] !== undefined)
          check.addIssue({ code: "custom", input: value, path: [field.id], message: `Leave this empty unless you chose "other"` });
      }
    }),
  );
  const count = `Add between ${item.minRows} and ${item.maxRows} entries`;
  return z.array(row, { error: count }).check(z.minLength(item.minRows, { error: count }), z.maxLength(item.maxRows, { error: count }));
}

// Schemas depend only on the item and the reference date, so each pair is built once.
const schemaCache = new WeakMap<ItemDef, Map<string, z.ZodMiniType>>();

/** The zod schema for one item's value (the value is present; absence is handled by the parser). */
export function itemSchema(item: ItemDef, ctx: ItemContext): z.ZodMiniType {
  let byDate = schemaCache.get(item);
  if (!byDate) schemaCache.set(item, (byDate = new Map()));
  let schema = byDate.get(ctx.referenceDate);
  if (!schema) {
    if (byDate.size >= 32) byDate.clear(); // imports may carry many dates; keep the cache small
    byDate.set(ctx.referenceDate, (schema = buildItemSchema(item, ctx)));
  }
  return schema;
}

function buildItemSchema(item: ItemDef, ctx: ItemContext): z.ZodMiniType {
  switch (item.type) {
    case "bool": {
      const mustTick = item.mustBeTrueMessage ?? "Tick the box to agree";
      const base = z.boolean({ error: item.mustBeTrue ? mustTick : "Answer yes or no" });
      return item.mustBeTrue ? base.check(z.refine((v: boolean) => v, { error: mustTick })) : base;
    }
    case "int":
    case "num":
      return numberSchema(item);
    case "enum":
      return z.enum(item.options.map((o) => o.value) as [string, ...string[]], { error: "Choose one of the options" });
    case "multi":
      return multiSchema(item);
    case "text":
      return textSchema(item);
    case "date":
      return dateSchema(item, ctx);
    case "month":
      return monthSchema(ctx);
    case "rows":
      return rowsSchema(item, ctx);
  }
}

/** null, "" and whitespace-only strings mean "not answered"; such fields are removed. */
export function isUnanswered(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === "string" && normalizeText(value) === "");
}

/** Removes unanswered fields from each row object (rows keep their other shape for validation). */
export function dropUnansweredFields(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  return value.map((row) => {
    if (row === null || typeof row !== "object" || Array.isArray(row)) return row;
    return Object.fromEntries(Object.entries(row).filter(([, v]) => !isUnanswered(v)));
  });
}
