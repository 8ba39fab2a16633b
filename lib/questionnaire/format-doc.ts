import { questionnaire } from "./definition";
import type { Condition, FieldDef, ItemDef, SectionDef } from "./types";
import { MULTILINE_MIN_LENGTH } from "./text";

/** Renders docs/intake-format.md — the canonical JSON form — from the questionnaire definition. */

function describeCondition(c: Condition): string {
  if ("any" in c) return c.any.map(describeCondition).join(" or ");
  if ("all" in c) return c.all.map(describeCondition).join(" and ");
  if ("not" in c) {
    const inner = c.not;
    if ("item" in inner && "eq" in inner) return `\`${inner.item}\` ≠ \`${String(inner.eq)}\``;
    return `not (${describeCondition(inner)})`;
  }
  if ("eq" in c) return `\`${c.item}\` = \`${String(c.eq)}\``;
  if ("in" in c) return `\`${c.item}\` ∈ {${c.in.map((v) => `\`${v}\``).join(", ")}}`;
  if ("has" in c) return `\`${c.item}\` has ${c.has.map((v) => `\`${v}\``).join(" or ")}`;
  if ("gte" in c) return `\`${c.item}\` ≥ ${c.gte}`;
  return `\`${c.item}\` > ${c.gt}`;
}

function describeType(item: ItemDef | FieldDef): string {
  switch (item.type) {
    case "bool":
      return item.mustBeTrue ? "boolean, must be `true`" : "boolean";
    case "int":
      return `integer ${item.min}–${item.max}${item.unit ? ` (${item.unit})` : ""}`;
    case "num":
      return `number ${item.min}–${item.max}${item.unit ? ` (${item.unit})` : ""}`;
    case "enum":
      return `one of ${item.options.map((o) => `\`${o.value}\``).join(", ")}`;
    case "multi":
      return `array of distinct ${item.options.map((o) => `\`${o.value}\``).join(", ")}${item.mayBeEmpty ? "; may be empty" : "; at least one"}`;
    case "text":
      return `string ≤ ${item.maxLength} code points${item.format ? ` (${item.format})` : ""}${item.maxLength >= MULTILINE_MIN_LENGTH ? "; newlines and tabs allowed" : ""}`;
    case "date":
      return `date \`YYYY-MM-DD\`${item.relativeToReference === "before" ? ", before the reference date" : item.relativeToReference === "notAfter" ? ", not after the reference date" : ""}${item.minYear ? `, year ≥ ${item.minYear}` : ""}`;
    case "month":
      return "month `YYYY-MM`, not after the reference month";
    case "rows":
      return `array of ${item.minRows}–${item.maxRows} objects (fields below)`;
  }
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

export function renderIntakeFormatDoc(): string {
  const lines: string[] = [
    `# Intake JSON format — \`${questionnaire.id}\` version \`${questionnaire.version}\``,
    "",
    "<!-- Generated from lib/questionnaire/definition.ts by `npm run docs:generate`. Do not edit by hand. -->",
    "",
    "The canonical form accepted by `POST /api/intakes` and the `assess` CLI:",
    "",
    "```json",
    JSON.stringify({ questionnaire: questionnaire.id, version: questionnaire.version, submittedAt: "2026-11-20T15:04:05Z", answers: { full_name: "…" } }, null, 2),
    "```",
    "",
    "- `submittedAt` is optional (ISO 8601 with a time zone). The API accepts it from 24 hours before to 5 minutes after the server receives the intake; with the clinic's integration key (`Authorization: Bearer …`) any past instant. The **reference date** is its calendar date in the clinic's time zone.",
    "- Keys of `answers` are the item ids below. Unknown keys are rejected at any depth.",
    "- An optional item may be absent, `null` or `\"\"`: all mean \"not answered\". Text is NFC-normalised and trimmed first; lengths count code points; control characters, bidirectional overrides and lone surrogates are rejected; fields shorter than 500 characters also reject line breaks, tabs and invisible characters (zero-width space, word joiner, byte-order mark, LRM/RLM/ALM marks, tag characters, U+2028/U+2029; zero-width joiners stay, for names and emoji that need them).",
    "- Items hidden by branching (\"shown if\" false) are dropped with a warning `hidden by branching, ignored`.",
    "- `none` and `prefer_to_discuss` cannot be combined with other options.",
    "- Errors are `{\"item\", \"message\"}`; `item` is an item id, a nested path such as `past_treatment_trials[1].weeks`, or one of `$`, `questionnaire`, `version`, `submittedAt`, `answers`.",
    "",
  ];
  for (const section of questionnaire.sections as readonly SectionDef[]) {
    lines.push(`## ${section.title} (\`${section.id}\`)`, "", "| id | required | type | shown if | question |", "|---|---|---|---|---|");
    for (const item of section.items)
      lines.push(`| \`${item.id}\` | ${item.required ? "yes" : "no"} | ${cell(describeType(item))} | ${item.shownIf ? cell(describeCondition(item.shownIf)) : "always"} | ${cell(item.label)} |`);
    for (const item of section.items) {
      if (item.type !== "rows") continue;
      lines.push("", `Fields of each \`${item.id}\` entry:`, "", "| field | required | type | question |", "|---|---|---|---|");
      for (const field of item.fields) {
        const required = field.onlyWhen ? `when \`${field.onlyWhen.field}\` ∈ {${field.onlyWhen.in.map((v) => `\`${v}\``).join(", ")}}, absent otherwise` : field.required ? "yes" : "no";
        lines.push(`| \`${field.id}\` | ${required} | ${cell(describeType(field))} | ${cell(field.label)} |`);
      }
    }
    lines.push("");
  }
  lines.push(
    "## Cross-item rules",
    "",
    "- `bp_recent_systolic` and `bp_recent_diastolic`: both or neither; systolic higher than diastolic; `bp_recent_date` required when a reading is given.",
    "",
  );
  return lines.join("\n");
}
