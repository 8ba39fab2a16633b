import type { FieldDef, RowsItem, SectionDef } from "@/lib/questionnaire/types";
import type { ItemContext } from "@/lib/questionnaire/item-schemas";
import { isItemShown } from "@/lib/questionnaire/progress";
import { emptyRow, parseStep, rowFieldShown, type FormValues } from "./form-values";
import { EPISODE_ITEM, HEIGHT_ITEM, WEIGHT_ITEM } from "./units";

/**
 * A step as the browser posts it without JavaScript (names as react-hook-form registers them:
 * `date_of_birth.day`, `current_mood_medications.0.dose`), read back into form values. Only the
 * section's own fields are read; anything else in the post is ignored.
 */
export function formValuesFromFormData(section: SectionDef, data: FormData): FormValues {
  const text = (name: string) => {
    const v = data.get(name);
    return typeof v === "string" ? v : "";
  };
  const choice = (name: string) => text(name) || null;
  const parts = (name: string, withDay: boolean): Record<string, string> =>
    withDay ? { day: text(`${name}.day`), month: text(`${name}.month`), year: text(`${name}.year`) } : { month: text(`${name}.month`), year: text(`${name}.year`) };
  const values: FormValues = {};
  for (const item of section.items) {
    switch (item.type) {
      case "bool":
        values[item.id] = data.has(item.id);
        break;
      case "enum":
        values[item.id] = choice(item.id);
        break;
      case "int":
      case "num":
        values[item.id] = item.type === "int" && item.choices ? choice(item.id) : text(item.id);
        break;
      case "multi":
        values[item.id] = data.getAll(item.id).filter((v): v is string => typeof v === "string");
        break;
      case "text":
        values[item.id] = text(item.id);
        break;
      case "date":
      case "month":
        values[item.id] = parts(item.id, item.type === "date");
        if (item.type === "date" && item.acceptMonth) (values[item.id] as Record<string, unknown>).monthOnly = data.has(`${item.id}.monthOnly`);
        break;
      case "rows":
        values[item.id] = rowsOf(item, data, text, parts);
        break;
    }
  }
  if (section.items.some((i) => i.id === HEIGHT_ITEM.id)) {
    values.height_unit = text("height_unit") === "ftin" ? "ftin" : "cm";
    values.height_ft = text("height_ft");
    values.height_in = text("height_in");
  }
  if (section.items.some((i) => i.id === WEIGHT_ITEM.id)) {
    values.weight_unit = text("weight_unit") === "lb" ? "lb" : "kg";
    values.weight_lb = text("weight_lb");
  }
  if (section.items.some((i) => i.id === EPISODE_ITEM.id)) values.current_episode_unit = text("current_episode_unit") === "months" ? "months" : "weeks";
  return values;
}

function rowsOf(
  item: RowsItem,
  data: FormData,
  text: (name: string) => string,
  parts: (name: string, withDay: boolean) => Record<string, string>,
): Record<string, unknown>[] {
  const prefix = `${item.id}.`;
  let count = 0;
  for (const key of data.keys()) {
    if (!key.startsWith(prefix)) continue;
    const index = Number(key.slice(prefix.length).split(".")[0]);
    if (Number.isInteger(index) && index >= 0 && index < item.maxRows) count = Math.max(count, index + 1);
  }
  const rows = Array.from({ length: count }, (_, i) =>
    Object.fromEntries(item.fields.map((f) => [f.id, f.type === "month" ? parts(`${prefix}${i}.${f.id}`, false) : text(`${prefix}${i}.${f.id}`)])),
  );
  // The blank row offered for one more entry is not an entry; one row is always there to type in.
  while (rows.length > 1 && isBlankRow(rows.at(-1)!)) rows.pop();
  return rows.length > 0 ? rows : [emptyRow(item.fields)];
}

function isBlankRow(row: Record<string, unknown>): boolean {
  return Object.values(row).every((v) => (typeof v === "string" ? v.trim() === "" : Object.values(v as Record<string, string>).every((p) => p.trim() === "")));
}

export { rowFieldShown };

/**
 * What a step shows for these values: its questions, row fields and unit inputs. Without scripts
 * the page changes only when it is sent, so the server compares this with what the page showed and
 * asks again when new questions came up, instead of saving a step the person has not seen whole.
 */
export function stepLayout(section: SectionDef, values: FormValues, others: Readonly<Record<string, unknown>>, ctx: ItemContext): string {
  const merged = { ...others, ...parseStep(section, values, others, ctx).answers };
  const shown: string[] = [];
  for (const item of section.items) {
    if (!isItemShown(item, merged)) continue;
    shown.push(item.id);
    if (item.type !== "rows") continue;
    const rows = Array.isArray(values[item.id]) ? (values[item.id] as Record<string, unknown>[]) : [];
    rows.forEach((row, i) => shown.push(...item.fields.filter((f) => rowFieldShown(f, row)).map((f) => `${item.id}.${i}.${f.id}`)));
  }
  if (values.height_unit !== undefined) shown.push(`height:${String(values.height_unit)}`);
  if (values.weight_unit !== undefined) shown.push(`weight:${String(values.weight_unit)}`);
  return shown.join(" ");
}

/**
 * Whether these values ask something the posted page did not show (`posted` is the page's own
 * layout). A question that went away (a dose not asked for talk therapy) needs no second look.
 */
export function layoutAsksMore(now: string, posted: string): boolean {
  const seen = new Set(posted.split(" "));
  return now.split(" ").some((token) => token !== "" && !seen.has(token));
}
