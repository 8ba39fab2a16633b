import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assess, SEVERITIES, type Triage } from "@/lib/assessment";
import { allItems, validateAnswers, type ItemDef } from "@/lib/questionnaire";
import { fullAnswers, minimalAnswers } from "../fixtures/intakes";
import { REFERENCE_DATE } from "../support/assess-answers";

const TRIAGE_ORDER: Triage[] = ["proceed", "proceed_with_cautions", "needs_clearance", "not_suitable_now", "urgent"];
const ctx = { referenceDate: REFERENCE_DATE };

type Raw = Record<string, unknown>;
const scalarItems = allItems.filter((i) => i.type === "enum" || i.type === "multi" || (i.type === "int" && i.choices)) as ItemDef[];

/** A random answer for an item from its own definition (may be invalid for the whole intake). */
function answerFor(item: ItemDef): fc.Arbitrary<unknown> {
  if (item.type === "enum") return fc.constantFrom(...item.options.map((o) => o.value));
  if (item.type === "int") return fc.integer({ min: item.min, max: item.max });
  if (item.type === "multi") {
    const plain = item.options.map((o) => o.value).filter((v) => v !== "none" && v !== "prefer_to_discuss");
    const exclusive = item.options.map((o) => o.value).filter((v) => v === "none" || v === "prefer_to_discuss");
    return fc.oneof(fc.subarray(plain, { minLength: item.mayBeEmpty ? 0 : 1 }), ...exclusive.map((v) => fc.constant([v])));
  }
  return fc.constant(undefined);
}

/** Schema-valid intakes: a fixture with random answers swapped in, kept when the schema accepts it. */
const validAnswers = fc
  .tuple(
    fc.constantFrom(fullAnswers(), minimalAnswers(), minimalAnswers({ sex_at_birth: "female", pregnancy_status: "planning" })),
    fc.array(fc.constantFrom(...scalarItems).chain((item) => answerFor(item).map((value) => [item.id, value] as const)), { maxLength: 25 }),
  )
  .map(([base, changes]) => {
    const answers: Raw = { ...base };
    for (const [id, value] of changes) answers[id] = value;
    // Follow-ups opened by a change need an answer to stay valid.
    const defaults: Raw = {
      si_intent: "no", si_plan: "no", bp_controlled: "yes", benzodiazepine_use: "as_needed", cardio_event_past_6_weeks: "no",
      prior_ketamine_routes: ["iv"], prior_ketamine_response: "helpful", prior_ketamine_adverse: ["none"], auditc_2: 0, auditc_3: 0,
      pregnancy_status: "not_pregnant", current_mood_medications: [{ name: "lithium" }],
      past_treatment_trials: [{ treatment: "lithium", weeks: 8, adequate_dose: "yes", outcome: "partial" }],
    };
    for (const [id, value] of Object.entries(defaults)) if (answers[id] === undefined) answers[id] = value;
    return validateAnswers(answers, ctx);
  })
  .filter((r) => r.errors.length === 0)
  .map((r) => r.answers as Raw);

const triageRank = (answers: Raw) => TRIAGE_ORDER.indexOf(assess(answers, REFERENCE_DATE).triage);

/** Every riskier replacement for one answer, by the definition's risk ranks. */
function riskierAnswers(item: ItemDef, current: unknown): unknown[] {
  if (item.type === "enum") {
    const rank = item.options.find((o) => o.value === current)?.risk ?? 0;
    return item.options.filter((o) => o.risk > rank).map((o) => o.value);
  }
  if (item.type === "int" && typeof current === "number") return current < item.max ? [current + 1, item.max] : [];
  if (item.type === "multi" && Array.isArray(current)) {
    const kept = current.filter((v) => v !== "none" && v !== "prefer_to_discuss");
    return item.options
      .filter((o) => o.risk > 0 && o.value !== "prefer_to_discuss" && !current.includes(o.value))
      .map((o) => [...kept, o.value]);
  }
  return [];
}

describe("assessment properties", () => {
  it("is deterministic: same input and reference date, same output byte for byte", () => {
    fc.assert(fc.property(validAnswers, (answers) => {
      expect(JSON.stringify(assess(answers, REFERENCE_DATE))).toBe(JSON.stringify(assess(structuredClone(answers), REFERENCE_DATE)));
    }), { numRuns: 200 });
  });

  it("is total and names only present items as evidence", () => {
    fc.assert(fc.property(validAnswers, (answers) => {
      const result = assess(answers, REFERENCE_DATE);
      expect(TRIAGE_ORDER).toContain(result.triage);
      for (const c of result.considerations) {
        expect(SEVERITIES).toContain(c.severity);
        for (const e of c.evidence) expect(answers[e.item], `${c.id} cites ${e.item}`).toEqual(e.answer);
      }
    }), { numRuns: 300 });
  });

  it("is monotone: a riskier answer, still schema-valid, never lowers the triage", () => {
    let checked = 0;
    fc.assert(fc.property(validAnswers, (answers) => {
      const before = triageRank(answers);
      for (const item of scalarItems) {
        if (answers[item.id] === undefined) continue;
        for (const value of riskierAnswers(item, answers[item.id])) {
          const mutated = validateAnswers({ ...answers, [item.id]: value }, ctx);
          if (mutated.errors.length > 0 || mutated.warnings.length > 0) continue; // only schema-valid mutations
          checked++;
          expect(triageRank(mutated.answers as Raw), `${item.id} → ${JSON.stringify(value)}`).toBeGreaterThanOrEqual(before);
        }
      }
    }), { numRuns: 60 });
    expect(checked).toBeGreaterThan(1000);
});
});
