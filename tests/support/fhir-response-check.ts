import { EXT, type EnableWhen, type Questionnaire, type QuestionnaireItem, type QuestionnaireResponse, type ResponseAnswer, type ResponseItem } from "@/lib/fhir/types";
import { fhirPath } from "./fhir-validation";

/**
 * Our own check that a QuestionnaireResponse fits its Questionnaire — what no base-spec validator
 * checks: every linkId exists where it stands, each answer has the item's type (and a choice one of
 * its options), repeats and occurrence limits are kept, no disabled item is answered (enableWhen
 * evaluated as FHIR defines it, or the SDC enableWhenExpression), every enabled required item is
 * present, and each calculated item holds what its expression computes.
 */

const VALUE_KEY: Partial<Record<QuestionnaireItem["type"], keyof ResponseAnswer>> = {
  boolean: "valueBoolean",
  integer: "valueInteger",
  decimal: "valueDecimal",
  date: "valueDate",
  string: "valueString",
  text: "valueString",
  choice: "valueCoding",
};

const ext = (item: QuestionnaireItem, url: string) => item.extension?.find((e) => e.url === url);

/** Answers to a question, looked up in the innermost group instance holding it, then outwards (SDC's rule for repeating groups). */
function answersIn(scopes: readonly ResponseItem[][], linkId: string): ResponseAnswer[] {
  const find = (items: readonly ResponseItem[]): ResponseAnswer[] | undefined => {
    for (const i of items) {
      if (i.linkId === linkId) return i.answer ?? [];
      const inner = find([...(i.item ?? []), ...(i.answer ?? []).flatMap((a) => (a as { item?: ResponseItem[] }).item ?? [])]);
      if (inner) return inner;
    }
    return undefined;
  };
  for (const scope of scopes) {
    const found = find(scope);
    if (found) return found;
  }
  return [];
}

function compare(answer: ResponseAnswer, when: EnableWhen): number | undefined {
  if (when.answerCoding) return answer.valueCoding?.code === when.answerCoding.code && answer.valueCoding?.system === when.answerCoding.system ? 0 : undefined;
  if (when.answerBoolean !== undefined) return answer.valueBoolean === when.answerBoolean ? 0 : undefined;
  const expected = when.answerInteger ?? when.answerDecimal;
  const actual = answer.valueInteger ?? answer.valueDecimal;
  return expected === undefined || actual === undefined ? undefined : Math.sign(actual - expected);
}

/** Whether an item is enabled, given the response (scopes: innermost group instance first, the response's items last). */
export function isEnabled(item: QuestionnaireItem, scopes: readonly ResponseItem[][], response: QuestionnaireResponse): boolean {
  const expression = ext(item, EXT.enableWhenExpression)?.valueExpression?.expression;
  if (expression) return fhirPath(expression, response)[0] === true;
  if (!item.enableWhen?.length) return true;
  const results = item.enableWhen.map((when) => {
    const answers = answersIn(scopes, when.question);
    if (when.operator === "exists") return answers.length > 0 === when.answerBoolean;
    if (when.operator === "!=") return !answers.some((a) => compare(a, when) === 0);
    const test = { "=": (c: number) => c === 0, ">": (c: number) => c > 0, ">=": (c: number) => c >= 0, "<": (c: number) => c < 0, "<=": (c: number) => c <= 0 }[when.operator];
    return answers.some((a) => {
      const c = compare(a, when);
      return c !== undefined && test(c);
    });
  });
  return (item.enableBehavior ?? "all") === "all" ? results.every(Boolean) : results.some(Boolean);
}

export function responseProblems(questionnaire: Questionnaire, response: QuestionnaireResponse): string[] {
  const problems: string[] = [];
  if (response.questionnaire !== `${questionnaire.url}|${questionnaire.version}`) problems.push(`questionnaire is ${response.questionnaire}, not ${questionnaire.url}|${questionnaire.version}`);

  const checkLevel = (qItems: readonly QuestionnaireItem[], rItems: readonly ResponseItem[], scopes: readonly ResponseItem[][], where: string) => {
    const counts = new Map<string, number>();
    for (const r of rItems) counts.set(r.linkId, (counts.get(r.linkId) ?? 0) + 1);
    for (const r of rItems) {
      const q = qItems.find((i) => i.linkId === r.linkId);
      const at = `${where}/${r.linkId}`;
      if (!q) {
        problems.push(`${at}: no such item here in the Questionnaire`);
        continue;
      }
      if (q.type === "display") problems.push(`${at}: a display item has no response`);
      if (!isEnabled(q, scopes, response)) problems.push(`${at}: answered, but disabled by its enableWhen`);
      if (q.type === "group") {
        if (r.answer) problems.push(`${at}: a group has no answer`);
        checkLevel(q.item ?? [], r.item ?? [], [r.item ?? [], ...scopes], at);
        continue;
      }
      if (counts.get(r.linkId)! > 1) problems.push(`${at}: a question appears ${counts.get(r.linkId)} times`);
      const answers = r.answer ?? [];
      if (answers.length === 0) problems.push(`${at}: no answer`);
      if (answers.length > 1 && !q.repeats) problems.push(`${at}: ${answers.length} answers to an item that does not repeat`);
      const key = VALUE_KEY[q.type];
      for (const a of answers) {
        const keys = Object.keys(a).filter((k) => k.startsWith("value"));
        if (keys.length !== 1 || keys[0] !== key) problems.push(`${at}: answer ${keys.join(",")} for a ${q.type} item`);
        if (q.type === "choice") {
          const option = q.answerOption?.find((o) => o.valueCoding.code === a.valueCoding?.code && o.valueCoding.system === a.valueCoding?.system);
          if (!option) problems.push(`${at}: ${a.valueCoding?.code} is not one of its options`);
          else if (option.valueCoding.display !== a.valueCoding?.display) problems.push(`${at}: display differs from the option's`);
        }
        if (typeof a.valueString === "string" && q.maxLength !== undefined && a.valueString.length > q.maxLength) problems.push(`${at}: longer than maxLength`);
        const n = a.valueInteger ?? a.valueDecimal;
        const min = ext(q, EXT.minValue), max = ext(q, EXT.maxValue);
        if (n !== undefined && min && n < (min.valueInteger ?? min.valueDecimal)!) problems.push(`${at}: below minValue`);
        if (n !== undefined && max && n > (max.valueInteger ?? max.valueDecimal)!) problems.push(`${at}: above maxValue`);
      }
      const calculated = ext(q, EXT.calculatedExpression)?.valueExpression?.expression;
      if (calculated) {
        const expected = fhirPath(calculated, response)[0];
        if (answers[0]?.valueInteger !== expected) problems.push(`${at}: holds ${answers[0]?.valueInteger}, its calculatedExpression gives ${String(expected)}`);
      }
    }
    // Occurrences, and the required items that are enabled but absent.
    for (const q of qItems) {
      if (q.type === "display") continue;
      const n = counts.get(q.linkId) ?? 0;
      const at = `${where}/${q.linkId}`;
      if (n > 1 && q.type === "group" && !q.repeats) problems.push(`${at}: a group that does not repeat appears ${n} times`);
      const minOccurs = ext(q, EXT.minOccurs)?.valueInteger, maxOccurs = ext(q, EXT.maxOccurs)?.valueInteger;
      if (n > 0 && minOccurs !== undefined && n < minOccurs) problems.push(`${at}: ${n} rows, fewer than ${minOccurs}`);
      if (maxOccurs !== undefined && n > maxOccurs) problems.push(`${at}: ${n} rows, more than ${maxOccurs}`);
      if (n > 0 || !isEnabled(q, scopes, response)) continue;
      if (q.required && !q.readOnly) problems.push(`${at}: required and enabled, but absent`);
      // An absent group that does not repeat (a section, an instrument): its required items are still required.
      else if (q.type === "group" && !q.repeats) checkLevel(q.item ?? [], [], scopes, at);
    }
  };
  checkLevel(questionnaire.item, response.item, [response.item], "");
  return problems;
}
