import { SEVERITY_WORDING, TRIAGE_WORDING, type Assessment } from "@/lib/assessment";
import { canonicalOf, fhirQuestionnaire, type FhirQuestionnaireName } from "./questionnaire";
import type { QuestionnaireItem, QuestionnaireResponse, ResponseAnswer, ResponseItem, RiskAssessment } from "./types";

/**
 * A stored intake as a FHIR R4 QuestionnaireResponse, built by walking the generated Questionnaire
 * (so the nesting is the Questionnaire's by construction) and taking each item's answer from the
 * stored answers. Stored answers hold no hidden items (the intake is validated before storing),
 * so hidden items are simply absent. The assessment travels as a contained RiskAssessment whose
 * basis is the response itself (ADR: a standard resource a receiving system can file, not an
 * extension only this app understands).
 */

export interface ResponseInput {
  questionnaire: FhirQuestionnaireName;
  version: string;
  /** The intake's reference code (not a name): the response's business identifier. */
  reference: string;
  submittedAt: string;
  answers: Readonly<Record<string, unknown>>;
  assessment: Assessment;
}

/** Identifier and code systems of this app's own codes (fixed URNs, as the canonical URLs; see questionnaire.ts). */
export const SYSTEMS = {
  intakeReference: "urn:uuid:2b29a45c-ba62-4914-8bc3-142ce55ab262",
  consideration: "urn:uuid:5b69e3a0-810c-4ab8-90c8-f28b32c31220",
  severity: "urn:uuid:127a995c-ff41-41b4-a58d-21059e84820b",
  ruleSet: "urn:uuid:6e6dccfc-8856-4f47-8021-4f3f5f3383f9",
} as const;

function answersOf(item: QuestionnaireItem, value: unknown): ResponseAnswer[] {
  const values = Array.isArray(value) ? value : [value];
  switch (item.type) {
    case "boolean":
      return values.map((v) => ({ valueBoolean: v as boolean }));
    case "integer":
      return values.map((v) => ({ valueInteger: v as number }));
    case "decimal":
      return values.map((v) => ({ valueDecimal: v as number }));
    case "date":
      return values.map((v) => ({ valueDate: v as string }));
    case "string":
    case "text":
      return values.map((v) => ({ valueString: v as string }));
    case "choice":
      return values.map((v) => {
        const option = item.answerOption?.find((o) => o.valueCoding.code === String(v));
        if (!option) throw new Error(`${item.linkId}: the stored answer is not one of its options`);
        return { valueCoding: option.valueCoding };
      });
    default:
      throw new Error(`${item.linkId}: a ${item.type} item has no answer`);
  }
}

function responseItems(items: readonly QuestionnaireItem[], values: Readonly<Record<string, unknown>>, totals: Readonly<Record<string, number>>): ResponseItem[] {
  const out: ResponseItem[] = [];
  for (const item of items) {
    if (item.type === "display") continue;
    if (item.type === "group" && item.repeats) {
      // A rows item: one group per row, its fields keyed `<rows item>.<field>`.
      const rows = values[item.linkId];
      if (!Array.isArray(rows)) continue;
      for (const row of rows as Record<string, unknown>[]) {
        const keyed = Object.fromEntries(Object.entries(row).map(([field, v]) => [`${item.linkId}.${field}`, v]));
        out.push({ linkId: item.linkId, text: item.text, item: responseItems(item.item ?? [], keyed, totals) });
      }
    } else if (item.type === "group") {
      const children = responseItems(item.item ?? [], values, totals);
      if (children.length > 0) out.push({ linkId: item.linkId, text: item.text, item: children });
    } else {
      const value = item.readOnly ? totals[item.linkId] : values[item.linkId];
      if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
      out.push({ linkId: item.linkId, text: item.text, answer: answersOf(item, value) });
    }
  }
  return out;
}

function riskAssessment(input: ResponseInput): RiskAssessment {
  const { assessment } = input;
  return {
    resourceType: "RiskAssessment",
    id: "assessment",
    status: "final",
    method: { coding: [{ system: SYSTEMS.ruleSet, code: assessment.ruleSetVersion }], text: `Rule set ${assessment.ruleSetVersion} of the intake's assessment (docs/assessment-rules.md)` },
    code: { coding: [{ system: SYSTEMS.severity, code: "intake-triage" }], text: `Triage: ${TRIAGE_WORDING[assessment.triage]}` },
    // No Patient resource travels with the response: the intake's reference identifies whose it is.
    subject: { display: `The person who sent intake ${input.reference}` },
    occurrenceDateTime: assessment.referenceDate,
    basis: [{ reference: "#" }],
    ...(assessment.considerations.length > 0
      ? {
          prediction: assessment.considerations.map((c) => ({
            outcome: { coding: [{ system: SYSTEMS.consideration, code: c.id }], text: c.title },
            qualitativeRisk: { coding: [{ system: SYSTEMS.severity, code: c.severity, display: SEVERITY_WORDING[c.severity] }], text: SEVERITY_WORDING[c.severity] },
            rationale: c.rationale,
          })),
        }
      : {}),
    note: [{ text: "Considerations to discuss with the client, computed from their own answers; not a diagnosis or a decision." }],
  };
}

export function questionnaireResponse(input: ResponseInput): QuestionnaireResponse {
  const questionnaire = fhirQuestionnaire(input.questionnaire, input.version);
  const { scores } = input.assessment;
  return {
    resourceType: "QuestionnaireResponse",
    id: `intake-${input.reference}`,
    contained: [riskAssessment(input)],
    identifier: { system: SYSTEMS.intakeReference, value: input.reference },
    questionnaire: canonicalOf(input.questionnaire, input.version),
    status: "completed",
    authored: input.submittedAt,
    item: responseItems(questionnaire.item, input.answers, { phq9_total: scores.phq9.total, gad7_total: scores.gad7.total }),
  };
}
