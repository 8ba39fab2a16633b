import { fhirQuestionnaire, isPublished, PUBLISHED } from "./questionnaire";
import type { OperationOutcome } from "./types";

/** HTTP responses of the FHIR routes. */

const FHIR_JSON = "application/fhir+json; charset=utf-8";

export function fhirJson(resource: object, headers: Record<string, string>, status = 200): Response {
  return new Response(JSON.stringify(resource, null, 2), { status, headers: { "content-type": FHIR_JSON, "x-content-type-options": "nosniff", ...headers } });
}

export function operationOutcome(status: number, code: OperationOutcome["issue"][number]["code"], diagnostics: string): Response {
  const outcome: OperationOutcome = { resourceType: "OperationOutcome", issue: [{ severity: "error", code, diagnostics }] };
  return fhirJson(outcome, { "cache-control": "no-store" }, status);
}

/** A published version never changes its questions; an hour bounds how long a corrected export takes to reach caches. */
const CACHEABLE = "public, max-age=3600";

/**
 * The Questionnaire for a route's `{name}|{version}` segment. Next hands the segment over decoded
 * or not depending on how the client wrote the bar (`|` or `%7C`): both are accepted.
 */
export function fhirQuestionnaireByRef(segment: string): Response {
  let ref = segment;
  try {
    if (/%7c/i.test(ref)) ref = decodeURIComponent(ref);
  } catch {
    // A malformed escape is simply not a known reference.
  }
  const [name = "", version = "", ...rest] = ref.split("|");
  if (rest.length > 0 || !isPublished(name, version)) {
    const known = PUBLISHED.map((p) => `${p.name}|${p.version}`).join(", ");
    return operationOutcome(404, "not-found", `No such questionnaire. Published: ${known}`);
  }
  const resource = fhirQuestionnaire(name, version);
  return fhirJson(resource, { "cache-control": CACHEABLE, "access-control-allow-origin": "*" });
}

