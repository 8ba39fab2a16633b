import type { core } from "zod/mini";
import { CURRENT_VERSION, isQuestionnaireVersion, QUESTIONNAIRE_ID, QUESTIONNAIRE_VERSIONS, questionnaireFor, type QuestionnaireVersion } from "./definition";
import type { Answers } from "./answers";
import type { ItemDef, SectionDef } from "./types";
import { evaluateCondition } from "./conditions";
import { dropUnansweredFields, isUnanswered, itemSchema, type ItemContext } from "./item-schemas";
import { ageOn, calendarDateIn, parseInstant } from "./dates";
import { escapeForMessage } from "./text";

/** An error or warning about one item, one nested field, or one pseudo-item ($, questionnaire, version, submittedAt, answers). */
export interface Issue {
  readonly item: string;
  readonly message: string;
}

export interface ParsedIntake {
  readonly questionnaire: typeof QUESTIONNAIRE_ID;
  readonly version: QuestionnaireVersion;
  /** ISO 8601 instant, UTC. */
  readonly submittedAt: string;
  /** Calendar date of submittedAt in the clinic's time zone (YYYY-MM-DD). */
  readonly referenceDate: string;
  readonly answers: Answers;
}

export type ParseResult =
  | { readonly ok: true; readonly intake: ParsedIntake; readonly warnings: Issue[] }
  | { readonly ok: false; readonly errors: Issue[]; readonly warnings: Issue[] };

/**
 * How `submittedAt` is checked against the moment the intake was received:
 * - `recent`: within 24 hours before to 5 minutes after (public API and form);
 * - `any_past`: any instant up to 5 minutes after (imports carrying the integration key);
 * - `not_future`: not after the moment received (the local CLI).
 */
export type SubmittedAtPolicy = "recent" | "any_past" | "not_future";

export interface ParseOptions {
  readonly receivedAt: Date;
  readonly timeZone: string;
  readonly submittedAtPolicy: SubmittedAtPolicy;
}

export const HIDDEN_WARNING = "hidden by branching, ignored";

const ENVELOPE_KEYS = new Set(["questionnaire", "version", "submittedAt", "answers"]);
const MAX_SKEW_MS = 5 * 60 * 1000;
const RECENT_WINDOW_MS = 24 * 60 * 60 * 1000;

const itemsOf = (version: QuestionnaireVersion): readonly ItemDef[] => (questionnaireFor(version).sections as readonly SectionDef[]).flatMap((s) => s.items);
const ITEMS = Object.fromEntries(QUESTIONNAIRE_VERSIONS.map((v) => [v, itemsOf(v)])) as Record<QuestionnaireVersion, readonly ItemDef[]>;
const ITEM_IDS = Object.fromEntries(QUESTIONNAIRE_VERSIONS.map((v) => [v, new Set(ITEMS[v].map((i) => i.id))])) as unknown as Record<QuestionnaireVersion, ReadonlySet<string>>;

/** Every item of one version, in questionnaire order. */
export function itemsOfVersion(version: QuestionnaireVersion): readonly ItemDef[] {
  return ITEMS[version];
}

/** Every item of the current version (the form's). */
export const allItems: readonly ItemDef[] = ITEMS[CURRENT_VERSION];

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Parses and validates one intake in the canonical JSON form. Never throws on bad input. */
export function parseIntake(body: unknown, options: ParseOptions): ParseResult {
  if (!isPlainObject(body)) return { ok: false, errors: [{ item: "$", message: "The body must be a JSON object" }], warnings: [] };

  const errors: Issue[] = [];
  for (const key of Object.keys(body)) {
    if (!ENVELOPE_KEYS.has(key))
      errors.push({ item: "$", message: `Unknown field "${escapeForMessage(key)}"; allowed fields are questionnaire, version, submittedAt and answers` });
  }
  if (body.questionnaire !== QUESTIONNAIRE_ID)
    errors.push({ item: "questionnaire", message: `Must be "${QUESTIONNAIRE_ID}"` });
  const known = isQuestionnaireVersion(body.version);
  if (!known)
    errors.push({ item: "version", message: `Must be ${QUESTIONNAIRE_VERSIONS.map((v) => `"${v}"`).join(" or ")} (the versions this server accepts)` });
  // An unknown version's answers are still checked, against the current version, so one reply names every problem.
  const version: QuestionnaireVersion = known ? (body.version as QuestionnaireVersion) : CURRENT_VERSION;

  const submitted = checkSubmittedAt(body.submittedAt, options, errors);
  const referenceDate = calendarDateIn(submitted ?? options.receivedAt, options.timeZone);

  let answers: Answers = {};
  let warnings: Issue[] = [];
  if (!isPlainObject(body.answers)) {
    errors.push({ item: "answers", message: "Must be an object whose keys are item ids" });
  } else {
    const result = validateAnswers(body.answers, { referenceDate }, version);
    errors.push(...result.errors);
    warnings = result.warnings;
    answers = result.answers;
  }

  if (errors.length > 0) return { ok: false, errors, warnings };
  return {
    ok: true,
    warnings,
    intake: {
      questionnaire: QUESTIONNAIRE_ID,
      version,
      submittedAt: (submitted ?? options.receivedAt).toISOString(),
      referenceDate,
      answers,
    },
  };
}

function checkSubmittedAt(value: unknown, options: ParseOptions, errors: Issue[]): Date | undefined {
  if (value === undefined || value === null) return undefined;
  const instant = typeof value === "string" ? parseInstant(value) : null;
  if (!instant) {
    errors.push({ item: "submittedAt", message: "Must be an ISO 8601 date and time with a time zone, e.g. 2026-11-20T15:04:05Z" });
    return undefined;
  }
  const received = options.receivedAt.getTime();
  const at = instant.getTime();
  const latest = options.submittedAtPolicy === "not_future" ? received : received + MAX_SKEW_MS;
  if (at > latest) {
    errors.push({ item: "submittedAt", message: "Must not be in the future" });
    return undefined;
  }
  if (options.submittedAtPolicy === "recent" && at < received - RECENT_WINDOW_MS) {
    errors.push({
      item: "submittedAt",
      message: "Must be within the last 24 hours; older imports need the clinic's integration key",
    });
    return undefined;
  }
  return instant;
}

export interface AnswersResult {
  readonly answers: Answers;
  readonly errors: Issue[];
  readonly warnings: Issue[];
}

/**
 * Validates an answers object: unanswered values removed, hidden items dropped with a warning,
 * each visible item checked against its definition, then the cross-item rules.
 */
export function validateAnswers(raw: Record<string, unknown>, ctx: ItemContext, version: QuestionnaireVersion): AnswersResult {
  const unknown: Issue[] = [];
  for (const key of Object.keys(raw)) {
    if (ITEM_IDS[version].has(key)) continue;
    const since = QUESTIONNAIRE_VERSIONS.find((v) => ITEM_IDS[v].has(key));
    // An empty key is still named, as "" (an error must always name its item).
    unknown.push({
      item: escapeForMessage(key) || '""',
      message: since ? `Unknown item in version ${version}; it was added in version ${since}` : "Unknown item; it is not part of this questionnaire",
    });
  }
  const result = validateItems(ITEMS[version], raw, {}, ctx);
  return { ...result, errors: [...unknown, ...result.errors] };
}

/**
 * Validates the answers to some items (one form step, or all of them) with the same rules as a
 * whole intake. `context` holds answers given elsewhere, which branching may depend on; keys of
 * `raw` that are not among `items` are ignored.
 */
export function validateItems(
  items: readonly ItemDef[],
  raw: Readonly<Record<string, unknown>>,
  context: Readonly<Record<string, unknown>>,
  ctx: ItemContext,
): AnswersResult {
  const errors: Issue[] = [];
  const warnings: Issue[] = [];

  // Check each answered item on its own; visibility is decided from the values that passed.
  const valid: Record<string, unknown> = {};
  const itemErrors = new Map<string, Issue[]>();
  for (const item of items) {
    const value = raw[item.id];
    if (isUnanswered(value)) continue;
    const parsed = itemSchema(item, ctx).safeParse(item.type === "rows" ? dropUnansweredFields(value) : value);
    if (parsed.success) valid[item.id] = parsed.data;
    else itemErrors.set(item.id, issuesFrom(item, parsed.error));
  }

  const answers: Record<string, unknown> = {};
  const visibleTo: Record<string, unknown> = { ...context };
  for (const item of items) delete visibleTo[item.id];
  for (const item of items) {
    const answered = !isUnanswered(raw[item.id]);
    const shown = !item.shownIf || evaluateCondition(item.shownIf, visibleTo);
    if (!shown) {
      if (answered) warnings.push({ item: item.id, message: HIDDEN_WARNING });
      continue;
    }
    if (!answered) {
      if (item.required) errors.push({ item: item.id, message: missingMessage(item) });
      continue;
    }
    const problems = itemErrors.get(item.id);
    if (problems) errors.push(...problems);
    else answers[item.id] = visibleTo[item.id] = valid[item.id];
  }

  for (const problem of crossItemErrors(answers, visibleTo, ctx)) {
    if (!errors.some((e) => e.item === problem.item)) errors.push(problem);
  }
  return { answers: answers as Answers, errors, warnings };
}

function missingMessage(item: ItemDef): string {
  switch (item.type) {
    case "bool":
      return item.mustBeTrue ? (item.mustBeTrueMessage ?? "Tick the box to agree") : "Answer yes or no";
    case "enum":
      return "Choose an answer";
    case "multi":
      return item.mayBeEmpty ? "Answer this question (an empty list means none chosen)" : "Choose at least one option";
    case "rows":
      return `Add at least ${item.minRows} ${item.rowLabel.toLowerCase()}`;
    case "date":
      return "Enter a date as YYYY-MM-DD";
    default:
      return "Answer this question";
  }
}

function issuesFrom(item: ItemDef, error: core.$ZodError): Issue[] {
  const issues: Issue[] = [];
  for (const issue of error.issues) {
    let path = item.id;
    if (item.type === "rows" && issue.path.length > 0) {
      path += `[${String(issue.path[0])}]`;
      if (issue.path.length > 1) path += `.${escapeForMessage(String(issue.path[1]))}`;
    }
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) issues.push({ item: `${path}.${escapeForMessage(key)}`, message: "Unknown field; remove it" });
      continue;
    }
    issues.push({ item: path, message: issue.message });
  }
  // A multi reports one problem per bad element; one message per item is enough.
  return dedupe(issues);
}

function dedupe(issues: Issue[]): Issue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.item}\u0000${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function crossItemErrors(answers: Record<string, unknown>, visible: Record<string, unknown>, ctx: ItemContext): Issue[] {
  const errors: Issue[] = [];
  // Version 2: onset may be the person's age in whole years on the reference date, not above it (the birth date may be on another step).
  const onset = answers.age_at_onset as number | undefined;
  const born = visible.date_of_birth as string | undefined;
  if (onset !== undefined && born !== undefined && onset > ageOn(born, ctx.referenceDate))
    errors.push({ item: "age_at_onset", message: "Enter an age no higher than your age now" });
  const systolic = answers.bp_recent_systolic as number | undefined;
  const diastolic = answers.bp_recent_diastolic as number | undefined;
  if (systolic !== undefined && diastolic === undefined)
    errors.push({ item: "bp_recent_diastolic", message: "Enter the bottom number too, or leave both numbers empty" });
  if (diastolic !== undefined && systolic === undefined)
    errors.push({ item: "bp_recent_systolic", message: "Enter the top number too, or leave both numbers empty" });
  if (systolic !== undefined && diastolic !== undefined && systolic <= diastolic)
    errors.push({ item: "bp_recent_systolic", message: "The top number (systolic) must be higher than the bottom number (diastolic)" });
  if ((systolic !== undefined || diastolic !== undefined) && answers.bp_recent_date === undefined)
    errors.push({ item: "bp_recent_date", message: "Enter the date of the reading" });
  return errors;
}
