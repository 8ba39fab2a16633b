import type { UseFormReturn } from "react-hook-form";
import type { FormValues } from "@/lib/intake-wizard/form-values";

/** What every field of the intake form shares: the form, how to find an error, the values written into the HTML. */

export type Form = UseFormReturn<FormValues>;
export type ErrorFor = (path: string) => string | undefined;

/**
 * The value a field starts with, written into the HTML as well: react-hook-form fills inputs only
 * once scripts run, and without JavaScript the page must show what was saved or just posted.
 */
export function initial(form: Form, path: string): unknown {
  let value: unknown = form.formState.defaultValues;
  for (const key of path.split(".")) value = value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}
export const initialText = (form: Form, path: string) => {
  const v = initial(form, path);
  return typeof v === "string" ? v : undefined;
};
export const initiallyChosen = (form: Form, path: string, value: string) => {
  const v = initial(form, path);
  return v !== null && v !== undefined && String(v) === value;
};

export function describedBy(base: string, hint: boolean, error: boolean): string | undefined {
  const ids = [hint && `${base}-hint`, error && `${base}-error`].filter(Boolean);
  return ids.length > 0 ? ids.join(" ") : undefined;
}

export function widthClass(maxLength: number): string {
  if (maxLength <= 32) return "width-20";
  if (maxLength <= 60) return "width-30";
  return "width-full";
}

/** The question as the form shows it: an optional one says so (GOV.UK: mark the optional, not the required). */
export function labelText(def: { label: string; required: boolean }): string {
  return def.required ? def.label : `${def.label} (optional)`;
}
