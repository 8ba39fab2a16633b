import { QUESTIONNAIRE_ID, QUESTIONNAIRE_VERSIONS, questionnaireFor } from "./definition";
import { VERSION_2 } from "./version-2";
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
      return `date \`YYYY-MM-DD\`${"acceptMonth" in item && item.acceptMonth ? " or month `YYYY-MM` (the month alone since version 2)" : ""}${item.relativeToReference === "before" ? ", before the reference date" : item.relativeToReference === "notAfter" ? ", not after the reference date" : ""}${item.minYear ? `, year ≥ ${item.minYear}` : ""}`;
    case "month":
      return "month `YYYY-MM`, not after the reference month";
    case "rows":
      return `array of ${item.minRows}–${item.maxRows} objects (fields below)`;
  }
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

const V1 = questionnaireFor("1");
const LATEST = questionnaireFor(QUESTIONNAIRE_VERSIONS[QUESTIONNAIRE_VERSIONS.length - 1]!);
const v1Items = new Map(V1.sections.flatMap((s) => s.items).map((i) => [i.id, i]));
const versionList = QUESTIONNAIRE_VERSIONS.map((v) => `\`${v}\``).join(" and ");

/** Options a later version added to a version-1 item, for the type column. */
function addedOptions(item: ItemDef): string {
  const before = v1Items.get(item.id);
  if (!before || (item.type !== "enum" && item.type !== "multi") || (before.type !== "enum" && before.type !== "multi")) return "";
  const added = item.options.filter((o) => !before.options.some((b) => b.value === o.value)).map((o) => `\`${o.value}\``);
  return added.length ? ` (${added.join(", ")} since version 2)` : "";
}

function whatVersion2Changes(): string[] {
  return [
    "## What version 2 changes",
    "",
    `${VERSION_2.why} Everything else is version 1's: ids, options, branching, value rules, errors. A version-2 item sent with \`"version": "1"\` is an unknown key, named in the error.`,
    "",
    "| section | new item | after | shown if |",
    "|---|---|---|---|",
    ...VERSION_2.items.map(({ section, after, item }) => `| ${section} | \`${item.id}\`${item.required ? "" : " (optional)"} | \`${after}\` | ${"shownIf" in item ? cell(describeCondition(item.shownIf)) : "always"} |`),
    "",
    ...VERSION_2.options.map((o) => `- \`${o.item}\` gains ${o.options.map((x) => `\`${x.value}\``).join(", ")}.`),
    ...VERSION_2.changes.map((c) =>
      "label" in c.set
        ? `- \`${c.item}\` is worded "${c.set.label}" (version 1: "${(v1Items.get(c.item) as ItemDef).label}"): it ${c.why}.`
        : "help" in c.set
          ? `- \`${c.item}\` has the help text "${c.set.help}" (${c.why}).`
          : `- \`${c.item}\` also accepts a month alone, \`YYYY-MM\` (${c.why}); rules that count days count from the month's first day.`,
    ),
    ...VERSION_2.fieldChanges.map((c) => `- \`${c.item}\` field \`${c.field}\` is optional, and not asked, when \`${c.set.optionalWhen.field}\` ∈ {${c.set.optionalWhen.in.map((v) => `\`${v}\``).join(", ")}} (${c.why}).`),
    "- `family_history`: `none` and `unsure` are each exclusive with every other option. `age_at_onset` may equal the person's age in whole years on the reference date, not exceed it.",
    "",
  ];
}

export function renderIntakeFormatDoc(): string {
  const lines: string[] = [
    `# Intake JSON format — \`${QUESTIONNAIRE_ID}\` versions ${versionList}`,
    "",
    "<!-- Generated from lib/questionnaire/definition.ts and version-2.ts by `npm run docs:generate`. Do not edit by hand. -->",
    "",
    `The canonical form accepted by \`POST /api/intakes\` and the \`assess\` CLI. Both versions are accepted; each is validated against its own questions and assessed with its own rule set (version 1 with rule set 1, exactly as before version 2 existed). The form sends version \`${LATEST.version}\`. Any other \`version\` is an error naming \`version\`.`,
    "",
    "```json",
    JSON.stringify({ questionnaire: QUESTIONNAIRE_ID, version: LATEST.version, submittedAt: "2026-11-20T15:04:05Z", answers: { full_name: "…" } }, null, 2),
    "```",
    "",
    "- `submittedAt` is optional (ISO 8601 with a time zone). The API accepts it from 24 hours before to 5 minutes after the server receives the intake; with the clinic's integration key (`Authorization: Bearer …`) any past instant. The **reference date** is its calendar date in the clinic's time zone.",
    "- Keys of `answers` are the item ids below. Unknown keys are rejected at any depth.",
    "- An optional item may be absent, `null` or `\"\"`: all mean \"not answered\". Text is NFC-normalised and trimmed first; lengths count code points; control characters, bidirectional overrides and lone surrogates are rejected; fields shorter than 500 characters also reject line breaks, tabs and invisible characters (zero-width space, word joiner, byte-order mark, LRM/RLM/ALM marks, tag characters, U+2028/U+2029; zero-width joiners stay, for names and emoji that need them).",
    "- Items hidden by branching (\"shown if\" false) are dropped with a warning `hidden by branching, ignored`.",
    "- `none`, `prefer_to_discuss` and `unsure` cannot be combined with other options.",
    "- Errors are `{\"item\", \"message\"}`; `item` is an item id, a nested path such as `past_treatment_trials[1].weeks`, or one of `$`, `questionnaire`, `version`, `submittedAt`, `answers`.",
    "",
    ...whatVersion2Changes(),
    "## The items, by section",
    "",
    "Every item of version 2; the **since** column says which version first asks it (a version-1 intake has only the items marked 1).",
    "",
  ];
  for (const section of LATEST.sections as readonly SectionDef[]) {
    lines.push(`### ${section.title} (\`${section.id}\`)`, "", "| id | since | required | type | shown if | question |", "|---|---|---|---|---|---|");
    for (const item of section.items)
      lines.push(`| \`${item.id}\` | ${v1Items.has(item.id) ? 1 : 2} | ${item.required ? "yes" : "no"} | ${cell(describeType(item) + addedOptions(item))} | ${item.shownIf ? cell(describeCondition(item.shownIf)) : "always"} | ${cell(item.label)} |`);
    for (const item of section.items) {
      if (item.type !== "rows") continue;
      lines.push("", `Fields of each \`${item.id}\` entry:`, "", "| field | required | type | question |", "|---|---|---|---|");
      for (const field of item.fields) {
        const required = field.onlyWhen
          ? `when \`${field.onlyWhen.field}\` ∈ {${field.onlyWhen.in.map((v) => `\`${v}\``).join(", ")}}, absent otherwise`
          : field.optionalWhen
            ? `yes, except when \`${field.optionalWhen.field}\` ∈ {${field.optionalWhen.in.map((v) => `\`${v}\``).join(", ")}} (since version 2)`
            : field.required
              ? "yes"
              : "no";
        lines.push(`| \`${field.id}\` | ${required} | ${cell(describeType(field))} | ${cell(field.label)} |`);
      }
    }
    lines.push("");
  }
  lines.push(
    "## Cross-item rules",
    "",
    "- `bp_recent_systolic` and `bp_recent_diastolic`: both or neither; systolic higher than diastolic; `bp_recent_date` required when a reading is given.",
    "- Version 2: `age_at_onset` not above the person's age in whole years on the reference date (from `date_of_birth`).",
    "",
  );
  return lines.join("\n");
}
