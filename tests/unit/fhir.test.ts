import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assess, ruleSetFor } from "@/lib/assessment";
import { evaluateCondition, itemsOfVersion, type Condition, type ItemDef, type QuestionnaireVersion } from "@/lib/questionnaire";
import { CHECKIN_ITEMS } from "@/lib/course/checkin-definition";
import { canonicalOf, fhirQuestionnaire, PUBLISHED } from "@/lib/fhir/questionnaire";
import { questionnaireResponse, SYSTEMS } from "@/lib/fhir/questionnaire-response";
import { conditionFhirPath, enableWhenOf } from "@/lib/fhir/enable-when";
import { fhirQuestionnaireByRef } from "@/lib/fhir/responses";
import { EXT, type Questionnaire, type QuestionnaireItem, type QuestionnaireResponse } from "@/lib/fhir/types";
import { fullAnswers, fullAnswersV2, minimalAnswers, minimalAnswersV2 } from "../fixtures/intakes";
import { validAnswersOf } from "../support/random-answers";
import { REFERENCE_DATE } from "../support/assess-answers";
import { fhirPath, r4Errors } from "../support/fhir-validation";
import { isEnabled, responseProblems } from "../support/fhir-response-check";

const INTAKE = "ketamine-trbd-intake";
const flatItems = (items: readonly QuestionnaireItem[]): QuestionnaireItem[] => items.flatMap((i) => [i, ...flatItems(i.item ?? [])]);
const itemOf = (q: Questionnaire, linkId: string) => flatItems(q.item).find((i) => i.linkId === linkId)!;

function responseFor(version: QuestionnaireVersion, answers: Record<string, unknown>): QuestionnaireResponse {
  return questionnaireResponse({ questionnaire: INTAKE, version, reference: "K7M-4QX-9PT", submittedAt: "2026-11-20T15:04:05Z", answers, assessment: assess(answers as never, REFERENCE_DATE, ruleSetFor(version)) });
}

describe("the offline R4 validator the tests rely on", () => {
  it("rejects what R4 forbids: a missing linkId, a status or item type outside its required value set, a group without items, an unknown property, a bad dateTime", () => {
    const valid = { resourceType: "Questionnaire", status: "active", item: [{ linkId: "a", type: "string", text: "A" }] };
    expect(r4Errors(valid)).toEqual([]);
    expect(r4Errors({ ...valid, item: [{ type: "string" }] }).join()).toMatch(/item\[0\]\.linkId.*Missing required property/);
    // @medplum/core does not check required bindings; our binding check does.
    expect(r4Errors({ ...valid, status: "published" })).toEqual(['Questionnaire.status: "published" is not in http://hl7.org/fhir/ValueSet/publication-status|4.0.1']);
    expect(r4Errors({ ...valid, item: [{ linkId: "a", type: "group", item: [{ linkId: "b", type: "checkbox" }] }]}).join()).toMatch(/item\[0\]\.item\[0\]\.type: "checkbox" is not in/);
    expect(r4Errors({ ...valid, item: [{ linkId: "a", type: "group" }] }).join()).toMatch(/que-1/);
    expect(r4Errors({ resourceType: "QuestionnaireResponse", status: "done" }).join()).toMatch(/"done" is not in .*questionnaire-answers-status/);
    expect(r4Errors({ resourceType: "QuestionnaireResponse", status: "completed", authored: "yesterday" }).join()).toMatch(/Invalid dateTime/);
    expect(r4Errors({ resourceType: "QuestionnaireResponse", status: "completed", answers: [] }).join()).toMatch(/additional property "answers"/);
  });
});

describe("the FHIR Questionnaires generated from the definitions", () => {
  it.each(PUBLISHED)("$name|$version is valid R4, and every item of the definition is an item with its id as linkId", ({ name, version }) => {
    const q = fhirQuestionnaire(name, version);
    expect(r4Errors(q)).toEqual([]);
    expect(q).toMatchObject({ url: expect.stringMatching(/^urn:uuid:/), version, status: "active" });
    const linkIds = flatItems(q.item).map((i) => i.linkId);
    expect(new Set(linkIds).size).toBe(linkIds.length);
    const defined: readonly ItemDef[] = name === INTAKE ? itemsOfVersion(version as QuestionnaireVersion) : CHECKIN_ITEMS;
    for (const item of defined) {
      const fhir = itemOf(q, item.id);
      expect(fhir, item.id).toBeDefined();
      expect(fhir.text).toBe(item.label);
      const type = { bool: "boolean", int: "choices" in item && item.choices ? "choice" : "integer", num: "decimal", enum: "choice", multi: "choice", text: item.type === "text" && item.maxLength >= 500 ? "text" : "string", date: "date", month: "date", rows: "group" }[item.type];
      expect(fhir.type, item.id).toBe(type);
      expect(!!fhir.repeats, item.id).toBe(item.type === "multi" || item.type === "rows");
      expect(!!fhir.enableWhen || !!fhir.extension?.some((e) => e.url === EXT.enableWhenExpression), item.id).toBe(!!item.shownIf);
      if (item.type === "text") expect(fhir.maxLength).toBe(item.maxLength);
      if (item.type === "enum" || item.type === "multi") expect(fhir.answerOption!.map((o) => [o.valueCoding.code, o.valueCoding.display])).toEqual(item.options.map((o) => [o.value, o.label]));
    }
    // Today's branching is all plain enableWhen: no FHIRPath fallback is needed.
    expect(JSON.stringify(q)).not.toContain(EXT.enableWhenExpression);
  });

  it("codes PHQ-9 and GAD-7 with LOINC (panel, items, total), weights every scale answer, and computes the totals", () => {
    const q = fhirQuestionnaire(INTAKE, "2");
    expect(itemOf(q, "phq9").code).toEqual([expect.objectContaining({ system: "http://loinc.org", code: "44249-1" })]);
    expect(itemOf(q, "gad7").code).toEqual([expect.objectContaining({ code: "69737-5" })]);
    expect(itemOf(q, "phq9_1").code).toEqual([{ system: "http://loinc.org", code: "44250-9" }]);
    expect(itemOf(q, "phq9_9").code![0]!.code).toBe("44260-8");
    expect(itemOf(q, "gad7_2").code![0]!.code).toBe("68509-9");
    expect(itemOf(q, "gad7_7").code![0]!.code).toBe("69736-7");
    expect(itemOf(q, "phq9_total")).toMatchObject({ type: "integer", readOnly: true, code: [{ code: "44261-6" }] });
    expect(itemOf(q, "gad7_total")).toMatchObject({ readOnly: true, code: [{ code: "70274-6" }] });
    expect(itemOf(q, "phq9.stem").text).toBe(q.item && "Over the last 2 weeks, how often have you been bothered by any of the following problems?");
    for (const id of ["phq9_3", "gad7_5", "auditc_1"])
      expect(itemOf(q, id).answerOption!.map((o) => [o.valueCoding.code, o.extension?.find((e) => e.url === EXT.itemWeight)?.valueDecimal])).toEqual(
        itemOf(q, id).answerOption!.map((_o, i) => [String(i), i]),
      );
    expect(q.copyright).toContain("No permission required to reproduce, translate, display or distribute");
    expect(q.copyright).toMatch(/^PHQ-9 and GAD-7: Copyright © Pfizer Inc\./);
    // The check-in asks the PHQ-9 only.
    const checkin = fhirQuestionnaire("ketamine-course-checkin", "1");
    expect(itemOf(checkin, "phq9_total")).toBeDefined();
    expect(checkin.copyright).toMatch(/^PHQ-9: /);
  });

  it("says our branching exactly: for random valid intakes, each enableWhen gives what the definition's condition gives", () => {
    for (const version of ["1", "2"] as const) {
      const q = fhirQuestionnaire(INTAKE, version);
      const conditional = itemsOfVersion(version).filter((i) => i.shownIf);
      fc.assert(
        fc.property(validAnswersOf(version), (answers) => {
          const qr = responseFor(version, answers);
          for (const item of conditional) expect(isEnabled(itemOf(q, item.id), [qr.item], qr), `${version}: ${item.id}`).toBe(evaluateCondition(item.shownIf!, answers));
        }),
        { numRuns: 60 },
      );
    }
  });

  it("falls back to an SDC enableWhenExpression that evaluates like the condition when enableWhen cannot say it", () => {
    const condition: Condition = { any: [{ all: [{ item: "a", eq: "yes" }, { item: "n", gte: 3 }] }, { not: { item: "n", gt: 7 } }] };
    const path = (id: string) => `%resource.item.where(linkId = 'section').item.where(linkId = '${id}')`;
    const questionOf = (id: string) => ({ type: id === "a" ? ("coded" as const) : ("integer" as const), path: path(id) });
    const branching = enableWhenOf(condition, questionOf);
    expect(branching.enableWhen).toBeUndefined();
    const expression = branching.extension![0]!.valueExpression!.expression;
    expect(expression).toBe(conditionFhirPath(condition, questionOf));
    for (const answers of [{ a: "yes", n: 3 }, { a: "yes", n: 9 }, { a: "no", n: 9 }, { a: "no", n: 2 }, { n: 8 }, {}]) {
      const items = Object.entries(answers).map(([linkId, v]) => ({ linkId, answer: [typeof v === "number" ? { valueInteger: v } : { valueCoding: { code: v } }] }));
      const qr = { resourceType: "QuestionnaireResponse", status: "completed", item: [{ linkId: "section", item: items }] };
      expect(fhirPath(expression, qr)[0], JSON.stringify(answers)).toBe(evaluateCondition(condition, answers));
    }
  });
});

describe("the FHIR QuestionnaireResponse of an intake", () => {
  const fixtures: [string, QuestionnaireVersion, Record<string, unknown>][] = [
    ["fullAnswersV2", "2", fullAnswersV2()],
    ["minimalAnswersV2", "2", minimalAnswersV2()],
    ["fullAnswers (v1)", "1", fullAnswers()],
    ["minimalAnswers (v1)", "1", minimalAnswers()],
    ["an urgent v2 intake", "2", fullAnswersV2({ phq9_9: 2, si_thoughts_past_month: "yes", si_intent: "unsure", si_plan: "no", lethal_means_access: ["firearm"], safety_plan: "no" })],
  ];

  it.each(fixtures)("%s: valid R4, and it fits its Questionnaire", (_name, version, answers) => {
    const qr = responseFor(version, answers);
    expect(r4Errors(qr)).toEqual([]);
    expect(responseProblems(fhirQuestionnaire(INTAKE, version), qr)).toEqual([]);
  });

  it("names its questionnaire by url|version, is completed, authored when submitted, nests answers as the Questionnaire does, with a row group per medication and trial", () => {
    const qr = responseFor("2", fullAnswersV2());
    expect(qr).toMatchObject({ questionnaire: canonicalOf(INTAKE, "2"), status: "completed", authored: "2026-11-20T15:04:05Z", identifier: { system: SYSTEMS.intakeReference, value: "K7M-4QX-9PT" } });
    const treatment = qr.item.find((i) => i.linkId === "section-treatment")!;
    const meds = treatment.item!.filter((i) => i.linkId === "current_mood_medications");
    expect(meds).toHaveLength(2);
    expect(meds[1]!.item).toEqual([
      { linkId: "current_mood_medications.name", text: "Medication", answer: [{ valueCoding: { code: "other_antipsychotic", display: "Another antipsychotic" } }] },
      { linkId: "current_mood_medications.other_name", text: "Name of the medication", answer: [{ valueString: "Ziprasidone" }] },
      { linkId: "current_mood_medications.dose_mg_per_day", text: "Dose", answer: [{ valueDecimal: 40 }] },
    ]);
    expect(treatment.item!.filter((i) => i.linkId === "past_treatment_trials")).toHaveLength(3);
    const mood = qr.item.find((i) => i.linkId === "section-mood")!;
    const phq9 = mood.item!.find((i) => i.linkId === "phq9")!;
    expect(phq9.item!.find((i) => i.linkId === "phq9_2")!.answer).toEqual([{ valueCoding: { code: "3", display: "Nearly every day" } }]);
    expect(phq9.item!.find((i) => i.linkId === "phq9_total")!.answer).toEqual([{ valueInteger: 16 }]);
    expect(mood.item!.find((i) => i.linkId === "mania_symptoms_past_week")!.answer).toEqual([{ valueCoding: { code: "none", display: "None of these" } }]);
  });

  it("leaves hidden items out, and carries the assessment as a contained RiskAssessment based on the response", () => {
    const calm = JSON.stringify(responseFor("2", minimalAnswersV2()));
    for (const hidden of ["si_intent", "lethal_means_access", "current_mood_medications", "pregnancy_status", "auditc_2", "phq9_difficulty"]) expect(calm).not.toContain(`"linkId":"${hidden}"`);
    const answers = fullAnswersV2({ phq9_9: 2, si_thoughts_past_month: "yes", si_intent: "unsure", si_plan: "no", lethal_means_access: ["firearm"], safety_plan: "no" });
    const qr = responseFor("2", answers);
    const assessment = assess(answers as never, REFERENCE_DATE, ruleSetFor("2"));
    const [risk] = qr.contained;
    expect(risk).toMatchObject({ resourceType: "RiskAssessment", status: "final", basis: [{ reference: "#" }], method: { coding: [{ code: "2" }] } });
    expect(risk!.prediction!.map((p) => [p.outcome.coding[0]!.code, p.qualitativeRisk.coding[0]!.code])).toEqual(assessment.considerations.map((c) => [c.id, c.severity]));
    expect(risk!.prediction![0]!.qualitativeRisk.text).toBe("Urgent safety");
  });

  it("is valid and fits its Questionnaire for random valid intakes of both versions", () => {
    for (const version of ["1", "2"] as const) {
      const q = fhirQuestionnaire(INTAKE, version);
      fc.assert(
        fc.property(validAnswersOf(version), (answers) => {
          const qr = responseFor(version, answers);
          expect(r4Errors(qr)).toEqual([]);
          expect(responseProblems(q, qr)).toEqual([]);
        }),
        { numRuns: 25 },
      );
    }
  });

  it("our fit check finds an answer to a disabled item, an unknown linkId, a wrong answer type, a missing required item, two answers to a single item, a wrong total", () => {
    const q = fhirQuestionnaire(INTAKE, "2");
    const base = () => responseFor("2", minimalAnswersV2());
    const section = (qr: QuestionnaireResponse, id: string) => qr.item.find((i) => i.linkId === `section-${id}`)!;
    const problems = (change: (qr: QuestionnaireResponse) => void) => {
      const qr = base();
      change(qr);
      return responseProblems(q, qr);
    };
    expect(problems(() => {})).toEqual([]);
    expect(problems((qr) => section(qr, "safety").item!.push({ linkId: "si_intent", answer: [{ valueCoding: { code: "no", display: "No" } }] }))).toEqual(["/section-safety/si_intent: answered, but disabled by its enableWhen"]);
    expect(problems((qr) => section(qr, "safety").item!.push({ linkId: "si_typo", answer: [{ valueString: "x" }] }))).toEqual(["/section-safety/si_typo: no such item here in the Questionnaire"]);
    expect(problems((qr) => (section(qr, "about").item!.find((i) => i.linkId === "full_name")!.answer = [{ valueInteger: 1 }]))).toEqual(["/section-about/full_name: answer valueInteger for a string item"]);
    expect(problems((qr) => (section(qr, "about").item = section(qr, "about").item!.filter((i) => i.linkId !== "phone")))).toEqual(["/section-about/phone: required and enabled, but absent"]);
    expect(problems((qr) => section(qr, "about").item!.find((i) => i.linkId === "country")!.answer!.push({ valueCoding: { code: "CA", display: "Canada" } }))).toEqual(["/section-about/country: 2 answers to an item that does not repeat"]);
    expect(problems((qr) => (section(qr, "mood").item!.find((i) => i.linkId === "phq9")!.item!.find((i) => i.linkId === "phq9_total")!.answer = [{ valueInteger: 5 }]))).toEqual(["/section-mood/phq9/phq9_total: holds 5, its calculatedExpression gives 0"]);
  });
});

describe("GET /api/fhir/Questionnaire/{name}|{version}", () => {
  it("serves each published Questionnaire as cacheable application/fhir+json, with the bar written as | or %7C", async () => {
    for (const segment of ["ketamine-trbd-intake|2", "ketamine-trbd-intake%7C2", "ketamine-trbd-intake%7c2"]) {
      const response = fhirQuestionnaireByRef(segment);
      expect(response.status, segment).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/fhir+json; charset=utf-8");
      expect(response.headers.get("cache-control")).toBe("public, max-age=3600");
      expect(await response.json()).toEqual(fhirQuestionnaire(INTAKE, "2"));
    }
    expect((await fhirQuestionnaireByRef("ketamine-course-checkin|1").json()).url).toBe(fhirQuestionnaire("ketamine-course-checkin", "1").url);
  });

  it("answers an unknown name or version with a 404 OperationOutcome that lists what is published", async () => {
    for (const segment of ["ketamine-trbd-intake|3", "ketamine-trbd-intake", "other|1", "ketamine-trbd-intake|2|2", "%E0%A4%A", "__proto__|1"]) {
      const response = fhirQuestionnaireByRef(segment);
      expect(response.status, segment).toBe(404);
      expect(response.headers.get("cache-control")).toBe("no-store");
      const outcome = await response.json();
      expect(r4Errors(outcome)).toEqual([]);
      expect(outcome.issue[0]).toMatchObject({ severity: "error", code: "not-found", diagnostics: expect.stringContaining("ketamine-trbd-intake|1, ketamine-trbd-intake|2, ketamine-course-checkin|1") });
    }
  });
});
