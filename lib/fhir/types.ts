/**
 * The few FHIR R4 shapes this app writes (Questionnaire, QuestionnaireResponse, RiskAssessment,
 * OperationOutcome), typed here rather than from @medplum/fhirtypes, which is a dev dependency used
 * by the tests to check these against the full R4 definitions.
 */

export interface Coding {
  system?: string;
  code?: string;
  display?: string;
}
export interface Extension {
  url: string;
  valueBoolean?: boolean;
  valueDecimal?: number;
  valueInteger?: number;
  valueString?: string;
  valueDate?: string;
  valueCoding?: Coding;
  valueCodeableConcept?: { coding?: Coding[]; text?: string };
  valueExpression?: { language: "text/fhirpath"; expression: string; description?: string };
}

export type ItemType = "group" | "display" | "boolean" | "decimal" | "integer" | "date" | "string" | "text" | "choice";
export type EnableOperator = "exists" | "=" | "!=" | ">" | "<" | ">=" | "<=";

export interface EnableWhen {
  question: string;
  operator: EnableOperator;
  answerBoolean?: boolean;
  answerInteger?: number;
  answerDecimal?: number;
  answerCoding?: Coding;
}

export interface AnswerOption {
  valueCoding: Coding;
  extension?: Extension[];
}

export interface QuestionnaireItem {
  linkId: string;
  text?: string;
  type: ItemType;
  code?: Coding[];
  extension?: Extension[];
  required?: boolean;
  repeats?: boolean;
  readOnly?: boolean;
  maxLength?: number;
  enableWhen?: EnableWhen[];
  enableBehavior?: "all" | "any";
  answerOption?: AnswerOption[];
  item?: QuestionnaireItem[];
}

export interface Questionnaire {
  resourceType: "Questionnaire";
  id: string;
  url: string;
  version: string;
  name: string;
  title: string;
  status: "active";
  subjectType: ["Patient"];
  publisher: string;
  description: string;
  copyright: string;
  code?: Coding[];
  item: QuestionnaireItem[];
}

export interface ResponseAnswer {
  valueBoolean?: boolean;
  valueInteger?: number;
  valueDecimal?: number;
  valueDate?: string;
  valueString?: string;
  valueCoding?: Coding;
}
export interface ResponseItem {
  linkId: string;
  text?: string;
  answer?: ResponseAnswer[];
  item?: ResponseItem[];
}

export interface Reference {
  reference?: string;
  display?: string;
  identifier?: { system: string; value: string };
}

export interface RiskAssessment {
  resourceType: "RiskAssessment";
  id: string;
  status: "final";
  method: { coding: Coding[]; text: string };
  code: { coding: Coding[]; text: string };
  subject: Reference;
  occurrenceDateTime: string;
  basis: Reference[];
  prediction?: { outcome: { coding: Coding[]; text: string }; qualitativeRisk: { coding: Coding[]; text: string }; rationale: string }[];
  note: { text: string }[];
}

export interface QuestionnaireResponse {
  resourceType: "QuestionnaireResponse";
  id: string;
  contained: RiskAssessment[];
  identifier: { system: string; value: string };
  questionnaire: string;
  status: "completed";
  authored: string;
  item: ResponseItem[];
}

export interface OperationOutcome {
  resourceType: "OperationOutcome";
  issue: { severity: "error"; code: "not-found" | "invalid"; diagnostics: string }[];
}

/** Canonical URL of an extension this app writes (core R4, SDC and the extensions pack). */
export const EXT = {
  itemWeight: "http://hl7.org/fhir/StructureDefinition/itemWeight",
  itemControl: "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl",
  minValue: "http://hl7.org/fhir/StructureDefinition/minValue",
  maxValue: "http://hl7.org/fhir/StructureDefinition/maxValue",
  minOccurs: "http://hl7.org/fhir/StructureDefinition/questionnaire-minOccurs",
  maxOccurs: "http://hl7.org/fhir/StructureDefinition/questionnaire-maxOccurs",
  unit: "http://hl7.org/fhir/StructureDefinition/questionnaire-unit",
  optionExclusive: "http://hl7.org/fhir/StructureDefinition/questionnaire-optionExclusive",
  entryFormat: "http://hl7.org/fhir/StructureDefinition/entryFormat",
  calculatedExpression: "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-calculatedExpression",
  enableWhenExpression: "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-enableWhenExpression",
} as const;
