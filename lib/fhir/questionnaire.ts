import { QUESTIONNAIRE_ID, QUESTIONNAIRE_VERSIONS, questionnaireFor } from "@/lib/questionnaire/definition";
import { EXCLUSIVE_OPTIONS } from "@/lib/questionnaire/item-schemas";
import { isMultilineText, type FieldDef, type ItemDef, type QuestionnaireDef, type RowsItem, type ScaleId, type SectionDef } from "@/lib/questionnaire/types";
import { CHECKIN, CHECKIN_ID, CHECKIN_VERSION } from "@/lib/course/checkin-definition";
import { enableWhenOf, type Question } from "./enable-when";
import { EXT, type AnswerOption, type Coding, type Extension, type Questionnaire, type QuestionnaireItem } from "./types";

/**
 * FHIR R4 Questionnaires (with SDC extensions) generated from the one questionnaire definition: the
 * intake, each version, and the course check-in. Nothing here restates a question: wording, options,
 * branching and limits are read from the definitions; this file adds only what FHIR needs besides
 * (canonical URLs, LOINC codes of the standard instruments, UCUM units).
 *
 * linkIds: an item's linkId is its id; a row field's is `<rows item>.<field>` (field ids repeat
 * across rows items); groups for sections are `section-<id>`, for an instrument's items `<scale>`,
 * its total `<scale>_total`; help and intro texts are display items `<linkId>.help`/`.intro`.
 */

/**
 * Canonical URLs: fixed URNs, the same in every deployment and never derived from a clinic's
 * address. The definition is the software's, identical wherever it runs; a response an EMR stored
 * as `url|version` must still match after a clinic moves domain, and the generated docs stay the
 * same everywhere. Any server running this app resolves them at /api/fhir/Questionnaire/{name}|{version}.
 */
export const FHIR_QUESTIONNAIRES = {
  [QUESTIONNAIRE_ID]: { url: "urn:uuid:4161d5ab-fbc6-49c3-bfff-0c6d53ab6a4b", versions: QUESTIONNAIRE_VERSIONS, definition: questionnaireFor, title: "Intake for ketamine-assisted therapy in treatment-resistant bipolar depression" },
  [CHECKIN_ID]: { url: "urn:uuid:617951c8-556b-44fe-9a8b-b46c4b04e999", versions: [CHECKIN_VERSION], definition: () => CHECKIN, title: "Check-in during a course of ketamine-assisted therapy" },
} as const satisfies Record<string, { url: string; versions: readonly string[]; definition: (version: string) => QuestionnaireDef; title: string }>;
export type FhirQuestionnaireName = keyof typeof FHIR_QUESTIONNAIRES;

export const PUBLISHER = "ketamine-trbd-intake (open-source intake software)";

const LOINC = "http://loinc.org";

/**
 * LOINC codes of the standard instruments: panel, items in questionnaire order, total score.
 * Checked against LOINC's PHQ-SADS panel 69729-2 (loinc.org/69729-2, which lists every PHQ-9 and
 * GAD-7 item and both totals), HL7's personal-health-record-format-ig examples
 * (QuestionnaireResponse-ScoredAssessment-PHQ9/GAD7.fsh: item codes; Observation-PHR-ScoredAssessment-*:
 * 44261-6 and 70274-6), and the LHC-Forms/Argonaut Questionnaires for panels 44249-1 and 69737-5.
 * AUDIT-C has no codes here: none were checked, so none are claimed.
 */
const INSTRUMENTS: Partial<Record<ScaleId, { name: string; panel: Coding; items: readonly string[]; total: Coding }>> = {
  phq9: {
    name: "PHQ-9",
    panel: { system: LOINC, code: "44249-1", display: "PHQ-9 quick depression assessment panel" },
    items: ["44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5", "44253-3", "44260-8"],
    total: { system: LOINC, code: "44261-6", display: "Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]" },
  },
  gad7: {
    name: "GAD-7",
    panel: { system: LOINC, code: "69737-5", display: "Generalized anxiety disorder 7 item (GAD-7)" },
    items: ["69725-0", "68509-9", "69733-4", "69734-2", "69735-9", "69689-8", "69736-7"],
    total: { system: LOINC, code: "70274-6", display: "Generalized anxiety disorder 7 item (GAD-7) total score [Reported.PHQ]" },
  },
};

/** The statement PHQ-9 and GAD-7 are published with (as LOINC and the LHC-Forms copies carry it). */
const PHQ_COPYRIGHT =
  "Copyright © Pfizer Inc. All rights reserved. Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an educational grant from Pfizer Inc. No permission required to reproduce, translate, display or distribute.";
const AUDIT_C_COPYRIGHT = "AUDIT-C: the first three questions of the Alcohol Use Disorders Identification Test (AUDIT; Babor, Higgins-Biddle, Saunders and Monteiro, World Health Organization, 2001).";

/** UCUM codes of the definition's unit words. */
const UCUM: Readonly<Record<string, string>> = { weeks: "wk", years: "a", cm: "cm", kg: "kg", mmHg: "mm[Hg]", "mg per day": "mg/d" };

function unitExtension(unit: string): Extension {
  const code = UCUM[unit];
  if (!code) throw new Error(`No UCUM code for the unit "${unit}": add it to UCUM in lib/fhir/questionnaire.ts`);
  return { url: EXT.unit, valueCoding: { system: "http://unitsofmeasure.org", code, display: unit } };
}

const HELP_CONTROL: Extension = { url: EXT.itemControl, valueCodeableConcept: { coding: [{ system: "http://hl7.org/fhir/questionnaire-item-control", code: "help", display: "Help-Button" }] } };
const display = (linkId: string, text: string, help = false): QuestionnaireItem => ({ linkId, type: "display", text, ...(help ? { extension: [HELP_CONTROL] } : {}) });

/** The FHIRPath from the response to an item, through its groups (explicit steps: every FHIRPath engine has them, not all have repeat()). */
const pathTo = (linkIds: readonly string[]) => ["%resource", ...linkIds.map((id) => `item.where(linkId = '${id}')`)].join(".");

/** The groups an item of a section stands in: its section's, and its instrument's when it has one. */
const scaleGroup = (item: ItemDef): ScaleId | undefined => (item.type === "int" && item.scale && INSTRUMENTS[item.scale] ? item.scale : undefined);
const groupsOf = (section: SectionDef, item: ItemDef) => [`section-${section.id}`, ...(scaleGroup(item) ? [scaleGroup(item)!] : [])];

/** How a condition's question is answered, for enableWhen, looked up by linkId. */
function questionsOf(items: readonly { def: ItemDef | FieldDef; linkId: string; path?: string }[]): (id: string) => Question {
  const byId = new Map(items.map((i) => [i.linkId, i]));
  return (id) => {
    const found = byId.get(id);
    if (!found) throw new Error(`A condition tests ${id}, which this questionnaire does not ask`);
    const { def: item, path } = found;
    const p = path ? { path } : {};
    if (item.type === "bool") return { type: "boolean", ...p };
    if (item.type === "int") return item.choices ? { type: "coded", choiceValues: item.choices.map((c) => c.value), ...p } : { type: "integer", ...p };
    if (item.type === "num") return { type: "decimal", ...p };
    return { type: "coded", ...p };
  };
}

const withExtensions = (item: QuestionnaireItem, extensions: Extension[]): QuestionnaireItem =>
  extensions.length === 0 ? item : { ...item, extension: [...(item.extension ?? []), ...extensions] };

/** One question (an item or a row field) without its branching. */
function question(def: ItemDef | FieldDef, linkId: string, code?: Coding): QuestionnaireItem {
  const base = { linkId, text: def.label, required: def.required, ...(code ? { code: [code] } : {}) };
  const help = def.help ? { item: [display(`${linkId}.help`, def.help, true)] } : {};
  const range = (type: "Integer" | "Decimal", min: number, max: number): Extension[] => [
    { url: EXT.minValue, [`value${type}`]: min },
    { url: EXT.maxValue, [`value${type}`]: max },
  ];
  const unit = "unit" in def && def.unit ? [unitExtension(def.unit)] : [];
  switch (def.type) {
    case "bool":
      return { ...base, type: "boolean", ...help };
    case "int":
      if (def.choices) {
        const answerOption: AnswerOption[] = def.choices.map((c) => ({ valueCoding: { code: String(c.value), display: c.label }, extension: [{ url: EXT.itemWeight, valueDecimal: c.value }] }));
        return { ...base, type: "choice", answerOption, ...help };
      }
      return withExtensions({ ...base, type: "integer", ...help }, [...range("Integer", def.min, def.max), ...unit]);
    case "num":
      return withExtensions({ ...base, type: "decimal", ...help }, [...range("Decimal", def.min, def.max), ...unit]);
    case "enum":
    case "multi": {
      const exclusive = (value: string) => def.type === "multi" && (EXCLUSIVE_OPTIONS as readonly string[]).includes(value);
      const answerOption: AnswerOption[] = def.options.map((o) => ({
        valueCoding: { code: o.value, display: o.label },
        ...(exclusive(o.value) ? { extension: [{ url: EXT.optionExclusive, valueBoolean: true }] } : {}),
      }));
      // A list that may be left empty has no answer to give in FHIR: not required there.
      const required = def.type === "multi" && def.mayBeEmpty ? false : def.required;
      return { ...base, required, type: "choice", ...(def.type === "multi" ? { repeats: true } : {}), answerOption, ...help };
    }
    case "text":
      return { ...base, type: isMultilineText(def) ? "text" : "string", maxLength: def.maxLength, ...help };
    case "date":
      // FHIR's date takes YYYY-MM as well as YYYY-MM-DD: a month-only answer needs no other type.
      return { ...base, type: "date", ...help };
    case "month":
      return withExtensions({ ...base, type: "date", ...help }, [{ url: EXT.entryFormat, valueString: "YYYY-MM" }]);
    case "rows":
      throw new Error("rows are groups");
  }
}

function rowsGroup(def: RowsItem): QuestionnaireItem {
  const prefix = `${def.id}.`;
  const questionOf = questionsOf(def.fields.map((f) => ({ def: f, linkId: `${prefix}${f.id}` })));
  const fields = def.fields.map((field) => {
    const item = question(field, `${prefix}${field.id}`);
    // onlyWhen: asked (and required) only for those answers; optionalWhen: not asked for those.
    const when = field.onlyWhen
      ? { item: `${prefix}${field.onlyWhen.field}`, in: field.onlyWhen.in }
      : field.optionalWhen
        ? { not: { item: `${prefix}${field.optionalWhen.field}`, in: field.optionalWhen.in } }
        : undefined;
    return when ? mergeBranching(item, enableWhenOf(when, questionOf)) : item;
  });
  const help = def.help ? [display(`${def.id}.help`, def.help, true)] : [];
  return withExtensions(
    { linkId: def.id, text: def.label, type: "group", required: def.required, repeats: true, item: [...help, ...fields] },
    [{ url: EXT.minOccurs, valueInteger: def.minRows }, { url: EXT.maxOccurs, valueInteger: def.maxRows }],
  );
}

function mergeBranching(item: QuestionnaireItem, branching: Pick<QuestionnaireItem, "enableWhen" | "enableBehavior" | "extension">): QuestionnaireItem {
  return withExtensions({ ...item, ...(branching.enableWhen ? { enableWhen: branching.enableWhen } : {}), ...(branching.enableBehavior ? { enableBehavior: branching.enableBehavior } : {}) }, branching.extension ?? []);
}

/** The total of an instrument as a read-only item the form fills in: the sum of its items' weights. */
function totalItem(scale: ScaleId, section: SectionDef, itemIds: readonly string[]): QuestionnaireItem {
  const instrument = INSTRUMENTS[scale]!;
  // Plain addition of each item's weight (its code): normative FHIRPath, no sum()/aggregate() that
  // some engines lack; empty (no total) until every item is answered.
  const terms = itemIds.map((id) => `${pathTo([`section-${section.id}`, scale, id])}.answer.value.code.toInteger()`);
  return {
    linkId: `${scale}_total`,
    text: `${instrument.name} total score`,
    type: "integer",
    code: [instrument.total],
    readOnly: true,
    required: false,
    extension: [
      {
        url: EXT.calculatedExpression,
        valueExpression: {
          language: "text/fhirpath",
          description: `Sum of the ${instrument.name} items' weights (each answer's code is its weight)`,
          expression: terms.map((t) => `(${t})`).join(" + "),
        },
      },
    ],
  };
}

function sectionGroup(def: QuestionnaireDef, section: SectionDef, questionOf: (id: string) => Question): QuestionnaireItem {
  const children: QuestionnaireItem[] = section.intro ? [display(`section-${section.id}.intro`, section.intro)] : [];
  let run: { scale: ScaleId; group: QuestionnaireItem; ids: string[] } | undefined;
  const close = () => {
    if (run) run.group.item!.push(totalItem(run.scale, section, run.ids));
    run = undefined;
  };
  for (const item of section.items) {
    const scale = scaleGroup(item);
    const instrument = scale ? INSTRUMENTS[scale] : undefined;
    if (run && run.scale !== scale) close();
    if (scale && instrument && !run) {
      const stem = def.stems?.[scale];
      run = { scale, ids: [], group: { linkId: scale, text: instrument.name, type: "group", code: [instrument.panel], item: stem ? [display(`${scale}.stem`, stem)] : [] } };
      children.push(run.group);
    }
    const code = run && instrument ? { system: LOINC, code: instrument.items[run.ids.length]! } : undefined;
    const fhir = item.type === "rows" ? rowsGroup(item) : question(item, item.id, code);
    const branched = item.shownIf ? mergeBranching(fhir, enableWhenOf(item.shownIf, questionOf)) : fhir;
    if (run) {
      run.ids.push(item.id);
      run.group.item!.push(branched);
    } else children.push(branched);
  }
  close();
  return { linkId: `section-${section.id}`, text: section.title, type: "group", item: children };
}

/** Whether a name|version is one we publish. */
export function isPublished(name: string, version: string): name is FhirQuestionnaireName {
  return Object.hasOwn(FHIR_QUESTIONNAIRES, name) && (FHIR_QUESTIONNAIRES[name as FhirQuestionnaireName].versions as readonly string[]).includes(version);
}

/** The canonical reference `url|version` a response names its questionnaire by. */
export function canonicalOf(name: FhirQuestionnaireName, version: string): string {
  return `${FHIR_QUESTIONNAIRES[name].url}|${version}`;
}

/** The FHIR Questionnaire of one published name and version (throws for any other: check with isPublished). */
export function fhirQuestionnaire(name: FhirQuestionnaireName, version: string): Questionnaire {
  if (!isPublished(name, version)) throw new Error(`Unpublished questionnaire ${name}|${version}`);
  const entry = FHIR_QUESTIONNAIRES[name];
  const def: QuestionnaireDef = entry.definition(version);
  const questionOf = questionsOf(def.sections.flatMap((s) => s.items.map((i) => ({ def: i, linkId: i.id, path: pathTo([...groupsOf(s, i), i.id]) }))));
  const scales = new Set(def.sections.flatMap((s) => s.items.flatMap((i) => (i.type === "int" && i.scale ? [i.scale] : []))));
  const copyright = [...(scales.has("phq9") || scales.has("gad7") ? [`${[...scales].filter((s) => s !== "auditc").map((s) => INSTRUMENTS[s]!.name).join(" and ")}: ${PHQ_COPYRIGHT}`] : []), ...(scales.has("auditc") ? [AUDIT_C_COPYRIGHT] : [])];
  return {
    resourceType: "Questionnaire",
    id: `${name}-${version}`,
    url: entry.url,
    version,
    name: name.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
    title: entry.title,
    status: "active",
    subjectType: ["Patient"],
    publisher: PUBLISHER,
    description: `Generated from the definition of ${name}, version ${version}. Item linkIds are the definition's item ids.`,
    copyright: copyright.join("\n\n"),
    item: def.sections.map((section) => sectionGroup(def, section, questionOf)),
  };
}

/** Every published questionnaire, for the docs and the tests. */
export const PUBLISHED: readonly { name: FhirQuestionnaireName; version: string }[] = (Object.keys(FHIR_QUESTIONNAIRES) as FhirQuestionnaireName[]).flatMap((name) =>
  FHIR_QUESTIONNAIRES[name].versions.map((version) => ({ name, version })),
);
