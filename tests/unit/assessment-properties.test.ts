import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assess, ruleSetFor, SEVERITIES, type Triage } from "@/lib/assessment";
import { validateAnswers, type ItemDef, type QuestionnaireVersion } from "@/lib/questionnaire";
import { REFERENCE_DATE } from "../support/assess-answers";
import { EXCLUSIVE, scalarItemsOf, validAnswersOf } from "../support/random-answers";

const TRIAGE_ORDER: Triage[] = ["proceed", "proceed_with_cautions", "needs_clearance", "not_suitable_now", "urgent"];
const ctx = { referenceDate: REFERENCE_DATE };

type Raw = Record<string, unknown>;

/** Every riskier replacement for one answer, by the definition's risk ranks. */
function riskierAnswers(item: ItemDef, current: unknown): unknown[] {
  if (item.type === "enum") {
    const rank = item.options.find((o) => o.value === current)?.risk ?? 0;
    return item.options.filter((o) => o.risk > rank).map((o) => o.value);
  }
  if (item.type === "int" && typeof current === "number") return current < item.max ? [current + 1, item.max] : [];
  if (item.type === "multi" && Array.isArray(current)) {
    const kept = current.filter((v) => !EXCLUSIVE.includes(v));
    return item.options
      .filter((o) => o.risk > 0 && !EXCLUSIVE.includes(o.value) && !current.includes(o.value))
      .map((o) => [...kept, o.value]);
  }
  return [];
}

// The properties hold for both rule sets, each over intakes of its own questionnaire version.
describe.each(["1", "2"] as QuestionnaireVersion[])("assessment properties, rule set %s", (version) => {
  const ruleSet = ruleSetFor(version);
  const validAnswers = validAnswersOf(version);
  const scalarItems = scalarItemsOf(version);
  const triageRank = (answers: Raw) => TRIAGE_ORDER.indexOf(assess(answers, REFERENCE_DATE, ruleSet).triage);

  it("is deterministic: same input and reference date, same output byte for byte", () => {
    fc.assert(fc.property(validAnswers, (answers) => {
      expect(JSON.stringify(assess(answers, REFERENCE_DATE, ruleSet))).toBe(JSON.stringify(assess(structuredClone(answers), REFERENCE_DATE, ruleSet)));
    }), { numRuns: 200 });
  });

  it("is total and names only present items as evidence", () => {
    fc.assert(fc.property(validAnswers, (answers) => {
      const result = assess(answers, REFERENCE_DATE, ruleSet);
      expect(TRIAGE_ORDER).toContain(result.triage);
      expect(result.ruleSetVersion).toBe(version);
      expect(result.questionnaireVersion).toBe(version);
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
          const mutated = validateAnswers({ ...answers, [item.id]: value }, ctx, version);
          if (mutated.errors.length > 0 || mutated.warnings.length > 0) continue; // only schema-valid mutations
          checked++;
          expect(triageRank(mutated.answers as Raw), `${item.id} → ${JSON.stringify(value)}`).toBeGreaterThanOrEqual(before);
        }
      }
    }), { numRuns: 60 });
    expect(checked).toBeGreaterThan(1000);
  });
});
