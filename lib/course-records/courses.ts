import "server-only";
import { randomBytes } from "node:crypto";
import * as repository from "@/db/repositories/courses";
import { getIntakeById } from "@/lib/intake/intake-record";
import { COURSE_FIELDS, DEFAULT_PLANNED_ACUTE_SESSIONS, END_REASONS, PHASE_CHANGES, PHASES, type EndReason, type Phase } from "@/lib/course";
import { factsAtStart } from "@/lib/course/report-facts";
import { itemSchema } from "@/lib/questionnaire/item-schemas";
import type { ItemDef } from "@/lib/questionnaire/types";
import { STATUS_LABELS } from "@/lib/review-wording";
import { actorOf, type Reviewer } from "@/lib/review/reviewer";
import type { IntakeStatus } from "@/db/schema";
import { clinicToday } from "./context";
import { CourseConflict, CourseInputError, type FieldProblem } from "./errors";

/**
 * Courses: started from an intake whose consult is booked, moved acute → maintenance → ended (or
 * acute → ended) with a reason, one open course per client. The client is the intake's e-mail
 * address (its blind index, as the client's data export finds their intakes); the database
 * refuses a second open course for it (courses_one_open_per_client).
 */

export type CourseRow = repository.CourseRow;

/** An intake may start a course once its consult is booked: consult_booked, or archived after it. */
export function mayStartCourse(intake: { status: IntakeStatus; everConsultBooked: boolean }): boolean {
  return intake.status === "consult_booked" || (intake.status === "archived" && intake.everConsultBooked);
}

export interface StartCourseInput {
  /** YYYY-MM-DD, not in the future; default today (clinic time). */
  started_on?: unknown;
  /** 1–12; default 6. */
  planned_acute_sessions?: unknown;
  /** 0–27; default the intake's PHQ-9 total. */
  baseline_phq9?: unknown;
}

const FIELD = (id: string) => COURSE_FIELDS.find((f) => f.id === id)! as ItemDef;

function validateStart(input: StartCourseInput, defaults: { started_on: string; planned_acute_sessions: number; baseline_phq9: number | undefined }, today: string) {
  const problems: FieldProblem[] = [];
  const value = <T>(id: keyof StartCourseInput): T | undefined => {
    const raw = input[id] === undefined || input[id] === "" ? defaults[id] : input[id];
    if (raw === undefined) {
      problems.push({ field: id, message: "Enter the baseline PHQ-9 (the intake has none)" });
      return undefined;
    }
    const parsed = itemSchema(FIELD(id), { referenceDate: today }).safeParse(raw);
    if (parsed.success) return parsed.data as T;
    problems.push({ field: id, message: parsed.error.issues[0]?.message ?? "Invalid value" });
    return undefined;
  };
  const startedOn = value<string>("started_on");
  const planned = value<number>("planned_acute_sessions");
  const baseline = value<number>("baseline_phq9");
  if (problems.length > 0) throw new CourseInputError(problems);
  return { startedOn: startedOn!, plannedAcuteSessions: planned!, baselinePhq9: baseline! };
}

/** Starts a course from an intake; returns its id. Throws CourseInputError (fields) or CourseConflict. */
export async function startCourse(intakeId: string, input: StartCourseInput, reviewer: Reviewer, now = new Date()): Promise<{ courseId: string }> {
  const intake = await getIntakeById(intakeId);
  if (!intake) throw new CourseConflict("This intake no longer exists");
  const today = clinicToday(now);
  const values = validateStart(input, { started_on: today, planned_acute_sessions: DEFAULT_PLANNED_ACUTE_SESSIONS, baseline_phq9: intake.assessment?.scores.phq9.total }, today);
  const courseId = randomBytes(16).toString("base64url");
  const result = await repository.insertCourse(
    { id: courseId, intakeId, ...values, openedAt: now, openedBy: reviewer.userId, outcomeFacts: factsAtStart(intake.answers) },
    mayStartCourse,
    { action: "course.start", ...actorOf(reviewer), intakeId, detail: { course: courseId, plannedAcuteSessions: values.plannedAcuteSessions } },
  );
  if (result.outcome === "missing") throw new CourseConflict("This intake no longer exists");
  if (result.outcome === "refused")
    throw new CourseConflict(`A course can start only once the consult is booked; this intake is "${STATUS_LABELS[result.status]}"`);
  if (result.outcome === "open_course")
    throw new CourseConflict(
      result.course
        ? `This client already has an open course (started ${result.course.startedOn}); end it before starting another`
        : "This client already has an open course; end it before starting another",
    );
  return { courseId };
}

/** The courses started from an intake, newest first (for the intake page's link); not audited: the intake view is. */
export async function coursesOfIntake(intakeId: string): Promise<CourseRow[]> {
  return repository.listCoursesOfIntakes([intakeId]);
}

/** Moves a course to its next phase; `ended` needs an end reason. Throws CourseInputError or CourseConflict. */
export async function changeCoursePhase(courseId: string, to: unknown, endReason: unknown, reviewer: Reviewer, now = new Date()): Promise<void> {
  const problems: FieldProblem[] = [];
  if (typeof to !== "string" || !(PHASES as readonly string[]).includes(to)) problems.push({ field: "phase", message: `Choose one of: ${PHASES.join(", ")}` });
  const ending = to === "ended";
  const reasonGiven = endReason !== undefined && endReason !== null && endReason !== "";
  if (ending && !reasonGiven) problems.push({ field: "end_reason", message: "Choose why the course ended" });
  else if (ending && !(END_REASONS as readonly string[]).includes(endReason as string)) problems.push({ field: "end_reason", message: `Choose one of: ${END_REASONS.join(", ")}` });
  else if (!ending && reasonGiven) problems.push({ field: "end_reason", message: "Give a reason only when the course ends" });
  if (problems.length > 0) throw new CourseInputError(problems);
  const target = to as Phase;
  const course = await repository.readCourse(courseId);
  if (!course) throw new CourseConflict("This course no longer exists");
  const result = await repository.changePhase(courseId, {
    to: target,
    endReason: ending ? (endReason as EndReason) : null,
    byUserId: reviewer.userId,
    at: now,
    allowed: (from) => PHASE_CHANGES[from].includes(target),
    audit: (from) => ({ action: "course.phase_change", ...actorOf(reviewer), intakeId: course.intakeId, detail: { course: courseId, from, to: target, endReason: ending ? (endReason as string) : null } }),
  });
  if (result.outcome === "missing") throw new CourseConflict("This course no longer exists");
  if (result.outcome === "refused") throw new CourseConflict(`A course in the ${result.from} phase cannot move to ${target}`);
}
