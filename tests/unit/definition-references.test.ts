import { describe, expect, it } from "vitest";
import { RULES_1, RULES_2 } from "@/lib/assessment";
import type { RuleCondition } from "@/lib/assessment/conditions";
import { allItems, type ItemDef } from "@/lib/questionnaire";
import { CRISIS_TRIGGER } from "@/lib/intake-wizard/crisis-trigger";
import { AUDITC_ITEMS, GAD7_ITEMS, PHQ9_ITEMS } from "@/lib/questionnaire/scales";

/**
 * Everything that names an item or an option by its id (rules, branching, the crisis trigger, the
 * consultation topics) must name one the questionnaire has: a typo would silently never match.
 */

const itemsById = new Map<string, ItemDef>(allItems.map((i) => [i.id, i]));

type Reference = { where: string; item: string; field?: string; values: readonly unknown[] };

/** Every item (and option value) a condition names, whatever language it is written in. */
function referencesOf(condition: unknown, where: string): Reference[] {
  const c = condition as Record<string, unknown>;
  if (Array.isArray(c.any)) return c.any.flatMap((part) => referencesOf(part, where));
  if (Array.isArray(c.all)) return c.all.flatMap((part) => referencesOf(part, where));
  if (c.not) return referencesOf(c.not, where);
  if (typeof c.absent === "string") return [{ where, item: c.absent, values: [] }];
  if (typeof c.item !== "string") return [];
  const values = "eq" in c ? [c.eq] : ((c.in ?? c.has ?? c.hasNoneOf ?? []) as unknown[]);
  return [{ where, item: c.item, field: typeof c.field === "string" ? c.field : undefined, values }];
}

function optionsOf(ref: Reference): readonly string[] | undefined {
  const item = itemsById.get(ref.item);
  if (!item) return undefined;
  if (ref.field !== undefined) {
    if (item.type !== "rows") return undefined;
    const field = item.fields.find((f) => f.id === ref.field);
    return field?.type === "enum" ? field.options.map((o) => o.value) : undefined;
  }
  return item.type === "enum" || item.type === "multi" ? item.options.map((o) => o.value) : [];
}

const references: Reference[] = [
  ...[...RULES_1, ...RULES_2].flatMap((r) => [...referencesOf(r.when, `rule ${r.id}`), ...(r.context ?? []).map((item) => ({ where: `rule ${r.id} context`, item, values: [] }))]),
  ...referencesOf(CRISIS_TRIGGER, "crisis trigger"),
  ...allItems.flatMap((i) => (i.shownIf ? referencesOf(i.shownIf, `shownIf of ${i.id}`) : [])),
];

describe("references to items and options", () => {
  it.each(references.map((r) => [`${r.where}: ${r.item}${r.field ? `.${r.field}` : ""}`, r] as const))("%s exists, with the options named", (_, ref) => {
    const options = optionsOf(ref);
    expect(options, `${ref.where} names ${ref.item}${ref.field ? `.${ref.field}` : ""}, which the questionnaire does not have`).toBeDefined();
    // Numeric and boolean comparisons (`gte: 1`, `eq: true`) are not options.
    for (const value of ref.values.filter((v) => typeof v === "string")) expect(options, `${ref.where}: ${ref.item} has no option ${String(value)}`).toContain(value);
  });

  it("finds the rules' option comparisons (the walk above is not empty)", () => {
    expect(references.filter((r) => r.where.startsWith("rule ") && r.values.length > 0).length).toBeGreaterThan(40);
  });

  it("names only existing items in each consultation question's related answers, and only in rows' onlyWhen fields", () => {
    for (const item of allItems) {
      if (item.type === "enum" || item.type === "multi")
        for (const option of item.options) for (const related of option.relatedItems ?? []) expect(itemsById.has(related), `${item.id}.${option.value} → ${related}`).toBe(true);
      if (item.type === "rows")
        for (const field of item.fields) {
          if (!field.onlyWhen) continue;
          const target = item.fields.find((f) => f.id === field.onlyWhen!.field);
          expect(target?.type, `${item.id}.${field.id} onlyWhen`).toBe("enum");
          const values = target?.type === "enum" ? target.options.map((o) => o.value) : [];
          for (const v of field.onlyWhen.in) expect(values).toContain(v);
        }
    }
  });

  it("tags the standard scales' items on the definition", () => {
    expect(PHQ9_ITEMS).toEqual(["phq9_1", "phq9_2", "phq9_3", "phq9_4", "phq9_5", "phq9_6", "phq9_7", "phq9_8", "phq9_9"]);
    expect(GAD7_ITEMS).toEqual(["gad7_1", "gad7_2", "gad7_3", "gad7_4", "gad7_5", "gad7_6", "gad7_7"]);
    expect(AUDITC_ITEMS).toEqual(["auditc_1", "auditc_2", "auditc_3"]);
  });
});

describe("a rule condition naming an option its item does not have", () => {
  it("does not compile (checked by `npx tsc --noEmit`: an unused @ts-expect-error is itself an error)", () => {
    const fine: RuleCondition[] = [
      { item: "si_plan", eq: "yes" },
      { item: "mania_symptoms_past_week", has: ["elevated_mood"] },
      { item: "current_mood_medications", field: "name", hasNoneOf: ["lithium"] },
    ];
    const wrong: RuleCondition[] = [
      // @ts-expect-error si_plan has no option "maybe"
      { item: "si_plan", eq: "maybe" },
      // @ts-expect-error psychosis_history has no option "current"
      { item: "psychosis_history", in: ["past_only", "current"] },
      // @ts-expect-error mania_symptoms_past_week has no option "euphoria"
      { item: "mania_symptoms_past_week", has: ["euphoria"] },
      // @ts-expect-error the medication row's name field has no option "aspirin"
      { item: "current_mood_medications", field: "name", has: ["aspirin"] },
      // @ts-expect-error bp_recent_systolic is a number, not an item with options
      { item: "bp_recent_systolic", eq: "180" },
    ];
    expect(fine).toHaveLength(3);
    expect(wrong).toHaveLength(5);
  });
});
