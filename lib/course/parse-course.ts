import { itemSchema, type ItemContext } from "@/lib/questionnaire/item-schemas";
import type { Issue } from "@/lib/questionnaire/parse-intake";
import type { ItemDef } from "@/lib/questionnaire/types";
import { calendarDateIn, parseInstant } from "@/lib/questionnaire/dates";
import { escapeForMessage } from "@/lib/questionnaire/text";
import type { CheckinAnswers } from "./checkin-definition";
import { BIPOLAR_TYPE, COURSE_FIELDS, DEFAULT_PLANNED_ACUTE_SESSIONS, type BipolarType, type EndReason, type Phase } from "./course-fields";
import { parseSessionRecord, type SessionRecord } from "./session-record";
import { validateCheckinAnswers } from "./validate-checkin";

/**
 * The canonical course JSON (treatment-course.md, "Canonical course JSON"): the `assess-course`
 * CLI, tests and exports. Every problem is reported at once, each naming its path
 * (`sessions[1].bp_pre_systolic`, `checkins[0].answers.phq9_4`, `baselinePhq9`). Never throws.
 */

export const COURSE_FORMAT_ID = "ketamine-course";
export const COURSE_FORMAT_VERSION = "1";

export interface ParsedCheckin {
  /** ISO 8601 instant, UTC. */
  readonly submittedAt: string;
  /** Calendar date of submittedAt in the clinic's time zone: the check-in's dates are checked against it. */
  readonly referenceDate: string;
  readonly answers: CheckinAnswers;
}

export interface ParsedCourse {
  readonly bipolarType: BipolarType;
  readonly baselinePhq9: number;
  readonly plannedAcuteSessions: number;
  readonly phase: Phase;
  readonly startedOn: string;
  readonly endReason?: EndReason;
  readonly sessions: SessionRecord[];
  readonly checkins: ParsedCheckin[];
}

export type CourseParseResult =
  | { readonly ok: true; readonly course: ParsedCourse; readonly warnings: Issue[] }
  | { readonly ok: false; readonly errors: Issue[]; readonly warnings: Issue[] };

export interface CourseParseOptions {
  /** The moment the input is read: nothing may be dated after it. */
  readonly receivedAt: Date;
  readonly timeZone: string;
}

const field = (id: (typeof COURSE_FIELDS)[number]["id"]) => COURSE_FIELDS.find((f) => f.id === id)! as ItemDef;
/** Canonical key → the course field that defines it (same schema, same messages). */
const ENVELOPE: Readonly<Record<string, ItemDef>> = {
  bipolarType: { ...BIPOLAR_TYPE } as ItemDef,
  baselinePhq9: field("baseline_phq9"),
  plannedAcuteSessions: field("planned_acute_sessions"),
  phase: field("phase"),
  startedOn: field("started_on"),
  endReason: field("end_reason"),
};
const KEYS = ["course", "version", ...Object.keys(ENVELOPE), "sessions", "checkins"];
const CHECKIN_KEYS = new Set(["submittedAt", "answers"]);

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

export function parseCourse(body: unknown, options: CourseParseOptions): CourseParseResult {
  if (!isObject(body)) return { ok: false, errors: [{ item: "$", message: "The body must be a JSON object" }], warnings: [] };
  const errors: Issue[] = [];
  const warnings: Issue[] = [];
  const today = calendarDateIn(options.receivedAt, options.timeZone);
  const ctx: ItemContext = { referenceDate: today };

  for (const key of Object.keys(body))
    if (!KEYS.includes(key)) errors.push({ item: "$", message: `Unknown field "${escapeForMessage(key)}"; allowed fields are ${KEYS.join(", ")}` });
  if (body.course !== COURSE_FORMAT_ID) errors.push({ item: "course", message: `Must be "${COURSE_FORMAT_ID}"` });
  if (body.version !== COURSE_FORMAT_VERSION) errors.push({ item: "version", message: `Must be "${COURSE_FORMAT_VERSION}" (the version this server accepts)` });

  const value = (key: string, required: boolean): unknown => {
    const raw = body[key];
    if (raw === undefined) {
      if (required) errors.push({ item: key, message: "Required" });
      return undefined;
    }
    const parsed = itemSchema(ENVELOPE[key]!, ctx).safeParse(raw);
    if (parsed.success) return parsed.data;
    errors.push({ item: key, message: parsed.error.issues[0]?.message ?? "Invalid value" });
    return undefined;
  };
  const bipolarType = value("bipolarType", true) as BipolarType | undefined;
  const baselinePhq9 = value("baselinePhq9", true) as number | undefined;
  const plannedAcuteSessions = (value("plannedAcuteSessions", false) as number | undefined) ?? DEFAULT_PLANNED_ACUTE_SESSIONS;
  const phase = value("phase", true) as Phase | undefined;
  const startedOn = value("startedOn", true) as string | undefined;
  const ended = phase === "ended";
  if (phase !== undefined && !ended && body.endReason !== undefined) errors.push({ item: "endReason", message: 'Leave this out unless phase is "ended"' });
  const endReason = phase === undefined || ended ? (value("endReason", ended) as EndReason | undefined) : undefined;

  const sessions = parseSessions(body.sessions, { referenceDate: today, startedOn: startedOn ?? "0000-01-01" }, errors);
  const checkins = parseCheckins(body.checkins, options, errors, warnings);

  if (errors.length > 0) return { ok: false, errors, warnings };
  return {
    ok: true,
    warnings,
    course: {
      bipolarType: bipolarType!,
      baselinePhq9: baselinePhq9!,
      plannedAcuteSessions,
      phase: phase!,
      startedOn: startedOn!,
      ...(endReason !== undefined ? { endReason } : {}),
      sessions,
      checkins,
    },
  };
}

function parseSessions(raw: unknown, ctx: { referenceDate: string; startedOn: string }, errors: Issue[]): SessionRecord[] {
  if (!Array.isArray(raw)) {
    errors.push({ item: "sessions", message: "Must be a list of session records (it may be empty)" });
    return [];
  }
  const records: SessionRecord[] = [];
  let previousDate: string | undefined;
  raw.forEach((entry, i) => {
    const result = parseSessionRecord(entry, ctx);
    if (!result.ok) {
      for (const issue of result.issues) errors.push({ item: issue.field ? `sessions[${i}].${issue.field}` : `sessions[${i}]`, message: issue.message });
      previousDate = undefined;
      return;
    }
    const date = result.record.session_date;
    if (previousDate !== undefined && date < previousDate)
      errors.push({ item: `sessions[${i}].session_date`, message: `Give sessions in date order: this one is before sessions[${i - 1}]` });
    previousDate = date;
    records.push(result.record);
  });
  return records;
}

function parseCheckins(raw: unknown, options: CourseParseOptions, errors: Issue[], warnings: Issue[]): ParsedCheckin[] {
  if (!Array.isArray(raw)) {
    errors.push({ item: "checkins", message: "Must be a list of check-ins (it may be empty)" });
    return [];
  }
  const checkins: ParsedCheckin[] = [];
  let previous: Date | undefined;
  raw.forEach((entry, i) => {
    const at = `checkins[${i}]`;
    if (!isObject(entry)) {
      errors.push({ item: at, message: "Must be an object with submittedAt and answers" });
      previous = undefined;
      return;
    }
    const before = errors.length;
    for (const key of Object.keys(entry)) if (!CHECKIN_KEYS.has(key)) errors.push({ item: `${at}.${escapeForMessage(key) || '""'}`, message: "Unknown field; remove it" });
    const submitted = typeof entry.submittedAt === "string" ? parseInstant(entry.submittedAt) : null;
    if (entry.submittedAt === undefined) errors.push({ item: `${at}.submittedAt`, message: "Required: an RFC 3339 date and time with a time zone, e.g. 2026-10-05T14:00:00Z" });
    else if (!submitted) errors.push({ item: `${at}.submittedAt`, message: "Must be an RFC 3339 date and time with a time zone, e.g. 2026-10-05T14:00:00Z" });
    else if (submitted.getTime() > options.receivedAt.getTime()) errors.push({ item: `${at}.submittedAt`, message: "Must not be in the future" });
    else if (previous && submitted.getTime() < previous.getTime())
      errors.push({ item: `${at}.submittedAt`, message: `Give check-ins in date order: this one is before checkins[${i - 1}]` });
    const valid = submitted && submitted.getTime() <= options.receivedAt.getTime() ? submitted : undefined;
    previous = valid;
    const referenceDate = calendarDateIn(valid ?? options.receivedAt, options.timeZone);

    if (!isObject(entry.answers)) {
      errors.push({ item: `${at}.answers`, message: "Must be an object whose keys are check-in item ids" });
      return;
    }
    const result = validateCheckinAnswers(entry.answers, { referenceDate });
    errors.push(...result.errors.map((e) => ({ item: `${at}.answers.${e.item}`, message: e.message })));
    warnings.push(...result.warnings.map((w) => ({ item: `${at}.answers.${w.item}`, message: w.message })));
    if (errors.length === before && valid) checkins.push({ submittedAt: valid.toISOString(), referenceDate, answers: result.answers });
  });
  return checkins;
}
