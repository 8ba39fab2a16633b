import type { FieldDef, ItemDef } from "./types";

/**
 * Answers in words, for the review page, the PDF and exports: option labels rather than codes,
 * units after numbers, dates spelled out. Universal code.
 */

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

export function formatDate(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number);
  return d ? `${d} ${MONTHS[m! - 1]} ${y}` : `${MONTHS[m! - 1]} ${y}`;
}

/** One value in words (an item's or a row field's). */
export function formatValue(def: ItemDef | FieldDef, value: unknown): string {
  switch (def.type) {
    case "bool":
      return value ? "Yes" : "No";
    case "enum":
      return def.options.find((o) => o.value === value)?.label ?? String(value);
    case "multi":
      return (value as string[]).map((v) => def.options.find((o) => o.value === v)?.label ?? v).join("; ") || "None chosen";
    case "int":
    case "num": {
      const choice = def.type === "int" && "choices" in def ? def.choices?.find((c) => c.value === value) : undefined;
      if (choice) return choice.label;
      return def.unit ? `${value} ${def.unit}` : String(value);
    }
    case "date":
    case "month":
      return formatDate(String(value));
    case "text":
      return String(value);
    case "rows":
      return "";
  }
}

/** One line per value (a repeatable item gives one line per entry). Absent → "Not answered". */
export function formatAnswer(item: ItemDef, value: unknown): string[] {
  if (value === undefined) return ["Not answered"];
  if (item.type !== "rows") return [formatValue(item, value)];
  return (value as Record<string, unknown>[]).map((row) =>
    item.fields
      .filter((f) => row[f.id] !== undefined)
      .map((f) => `${f.label}: ${formatValue(f, row[f.id])}`)
      .join(", "),
  );
}
