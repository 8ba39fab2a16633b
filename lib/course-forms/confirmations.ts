import { z } from "zod";

/**
 * Which course action just succeeded, carried in the course page's address (`?done=session`) so its
 * confirmation shows with and without JavaScript, as the intake page's do. Only these words.
 */
export const COURSE_DONE_KINDS = ["started", "phase", "session", "corrected", "acknowledged"] as const;
export type CourseDoneKind = (typeof COURSE_DONE_KINDS)[number];

/** Course, session and check-in ids: 16 random bytes, base64url (as intake ids). */
export const COURSE_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

const doneSchema = z.enum(COURSE_DONE_KINDS);

export function courseDoneFrom(value: unknown): CourseDoneKind | undefined {
  const parsed = doneSchema.safeParse(Array.isArray(value) ? value[0] : value);
  return parsed.success ? parsed.data : undefined;
}

export const coursePagePath = (courseId: string) => `/dashboard/courses/${courseId}`;

/** A session's correction page (its form is rendered there, on demand, not once per session on the course page). */
export const sessionCorrectionPath = (courseId: string, sessionId: string) => `${coursePagePath(courseId)}/sessions/${sessionId}/correct`;

export function courseConfirmationPath(courseId: string, done: CourseDoneKind): string {
  return `${coursePagePath(courseId)}?done=${done}`;
}
