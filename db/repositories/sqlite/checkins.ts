import "server-only";
import { and, asc, count, desc, eq, gt, inArray, isNull, lte, max, min } from "drizzle-orm";
import { getDb } from "@/db/client";
import { checkinDrafts, checkinRequests, checkins, courses, courseSessions } from "@/db/schema";
import { inTransaction } from "@/db/transaction";
import type { AuditEvent } from "@/lib/audit/audit-log";
import type { CheckinDraftState, CheckinRequestRow, CheckinRow, CheckinsRepository, CourseAttentionRow, DobMismatchResult, NewCheckinRequestRow, Submission, SubmitResult } from "../checkins";
import { checkinValues, draftStateEnc, readCheckinAnswers, readDraftStateOf, toCheckinRow, outcomeFactsEnc, readOutcomeFacts } from "../shared/courses";
import { attentionRows, usableAt } from "../shared/checkins";

/** Check-in links, drafts and check-ins on SQLite (see ../checkins.ts). */

/** A CheckinRequestRow (never the token hash), with the course's intake. */
const requestQuery = () =>
  getDb()
    .select({
      id: checkinRequests.id,
      courseId: checkinRequests.courseId,
      intakeId: courses.intakeId,
      createdBy: checkinRequests.createdBy,
      createdAt: checkinRequests.createdAt,
      expiresAt: checkinRequests.expiresAt,
      emailedAt: checkinRequests.emailedAt,
      usedAt: checkinRequests.usedAt,
      wrongDobTries: checkinRequests.wrongDobTries,
      endedAt: checkinRequests.endedAt,
    })
    .from(checkinRequests)
    .innerJoin(courses, eq(courses.id, checkinRequests.courseId));

async function insertRequest(row: NewCheckinRequestRow, event: AuditEvent): Promise<"missing" | "ended" | "created"> {
  return inTransaction((tx, audit) => {
    const course = tx.select({ closedAt: courses.closedAt }).from(courses).where(eq(courses.id, row.courseId)).get();
    if (!course) return "missing";
    if (course.closedAt) return "ended";
    tx.insert(checkinRequests).values({ ...row, createdAt: row.createdAt.toISOString() }).run();
    audit(event, row.createdAt);
    return "created";
  });
}

async function markRequestEmailed(id: string, at: Date, event: AuditEvent): Promise<void> {
  inTransaction((tx, audit) => {
    tx.update(checkinRequests).set({ emailedAt: at.toISOString() }).where(eq(checkinRequests.id, id)).run();
    audit(event, at);
  });
}

async function findRequestByTokenHash(tokenHash: string): Promise<CheckinRequestRow | undefined> {
  return requestQuery().where(eq(checkinRequests.tokenHash, tokenHash)).get();
}

async function listRequestsOfCourse(courseId: string): Promise<CheckinRequestRow[]> {
  return requestQuery().where(eq(checkinRequests.courseId, courseId)).orderBy(desc(checkinRequests.createdAt), desc(checkinRequests.id)).all();
}

async function recordDobMismatch(requestId: string, maxTries: number, at: Date, events: (result: { tries: number; ended: boolean }) => AuditEvent[]): Promise<DobMismatchResult> {
  return inTransaction((tx, audit): DobMismatchResult => {
    const row = tx.select().from(checkinRequests).where(eq(checkinRequests.id, requestId)).get();
    if (!row || row.usedAt || row.endedAt) return undefined;
    const tries = row.wrongDobTries + 1;
    const ended = tries >= maxTries;
    tx.update(checkinRequests)
      .set({ wrongDobTries: tries, ...(ended ? { endedAt: at.toISOString() } : {}) })
      .where(eq(checkinRequests.id, requestId))
      .run();
    // A link that ends takes its draft (if any) with it.
    if (ended) tx.delete(checkinDrafts).where(eq(checkinDrafts.requestId, requestId)).run();
    for (const event of events({ tries, ended })) audit(event, at);
    return { tries, ended };
  });
}

async function startDraft(requestId: string, draft: { id: string; sessionHash: string; state: unknown; createdAt: Date; expiresAt: string }, event: AuditEvent): Promise<boolean> {
  const now = draft.createdAt.toISOString();
  return inTransaction((tx, audit) => {
    const row = tx.select().from(checkinRequests).where(eq(checkinRequests.id, requestId)).get();
    if (!row || !usableAt(row, now)) return false;
    tx.delete(checkinDrafts).where(eq(checkinDrafts.requestId, requestId)).run();
    tx.insert(checkinDrafts)
      .values({ id: draft.id, requestId, sessionHash: draft.sessionHash, stateEnc: draftStateEnc(draft.id, draft.state), createdAt: now, updatedAt: now, expiresAt: draft.expiresAt })
      .run();
    audit(event, draft.createdAt);
    return true;
  });
}

async function findDraftBySessionHash(sessionHash: string, now: string): Promise<CheckinDraftState | undefined> {
  const row = getDb()
    .select({ draft: checkinDrafts, request: checkinRequests, intakeId: courses.intakeId, checkinId: checkins.id })
    .from(checkinDrafts)
    .innerJoin(checkinRequests, eq(checkinRequests.id, checkinDrafts.requestId))
    .innerJoin(courses, eq(courses.id, checkinRequests.courseId))
    .leftJoin(checkins, eq(checkins.requestId, checkinRequests.id))
    .where(and(eq(checkinDrafts.sessionHash, sessionHash), gt(checkinDrafts.expiresAt, now)))
    .get();
  if (!row) return undefined;
  return {
    id: row.draft.id,
    requestId: row.request.id,
    courseId: row.request.courseId,
    intakeId: row.intakeId,
    state: readDraftStateOf(row.draft),
    crisisShown: row.draft.crisisShown,
    expiresAt: row.draft.expiresAt,
    request: { expiresAt: row.request.expiresAt, usedAt: row.request.usedAt, endedAt: row.request.endedAt },
    checkinId: row.checkinId,
  };
}

async function updateDraftState(id: string, change: { state: unknown; crisisShown: boolean; updatedAt: string; expiresAt: string; now: string }): Promise<boolean> {
  return inTransaction((tx) => {
    const row = tx.select({ request: checkinRequests }).from(checkinDrafts).innerJoin(checkinRequests, eq(checkinRequests.id, checkinDrafts.requestId)).where(eq(checkinDrafts.id, id)).get();
    if (!row || !usableAt(row.request, change.now)) return false;
    tx.update(checkinDrafts)
      .set({ stateEnc: draftStateEnc(id, change.state), updatedAt: change.updatedAt, expiresAt: change.expiresAt, ...(change.crisisShown ? { crisisShown: true } : {}) })
      .where(eq(checkinDrafts.id, id))
      .run();
    return true;
  });
}

async function submit(draftId: string, submission: Submission): Promise<SubmitResult> {
  const now = submission.submittedAt.toISOString();
  return inTransaction((tx, audit): SubmitResult => {
    const draft = tx.select({ requestId: checkinDrafts.requestId }).from(checkinDrafts).where(eq(checkinDrafts.id, draftId)).get();
    if (!draft) return { outcome: "unavailable" };
    const request = tx.select().from(checkinRequests).where(eq(checkinRequests.id, draft.requestId)).get()!;
    if (request.usedAt) {
      const done = tx.select({ id: checkins.id }).from(checkins).where(eq(checkins.requestId, request.id)).get();
      return done ? { outcome: "replayed", checkinId: done.id, courseId: request.courseId } : { outcome: "unavailable" };
    }
    if (!usableAt(request, now)) return { outcome: "unavailable" };
    const course = tx.select({ baselinePhq9: courses.baselinePhq9, outcomeFactsEnc: courses.outcomeFactsEnc }).from(courses).where(eq(courses.id, request.courseId)).get()!;
    const previous = tx
      .select({ id: checkins.id, answersEnc: checkins.answersEnc })
      .from(checkins)
      .where(eq(checkins.courseId, request.courseId))
      .orderBy(desc(checkins.submittedAt), desc(checkins.id))
      .get();
    const built = submission.build({
      courseId: request.courseId,
      baselinePhq9: course.baselinePhq9,
      previousAnswers: previous ? readCheckinAnswers(previous.id, previous.answersEnc) : undefined,
    });
    tx.insert(checkins).values(checkinValues({ ...built, id: submission.checkinId, courseId: request.courseId, requestId: request.id, submittedAt: now })).run();
    tx.update(checkinRequests).set({ usedAt: now }).where(eq(checkinRequests.id, request.id)).run();
    // The report facts move in the same transaction (submissions serialise on the audit chain / the immediate lock).
    if (course.outcomeFactsEnc !== null)
      tx.update(courses).set({ outcomeFactsEnc: outcomeFactsEnc(request.courseId, submission.outcomeFacts(readOutcomeFacts(request.courseId, course.outcomeFactsEnc), built)) }).where(eq(courses.id, request.courseId)).run();
    const baselineReplaced = !tx.select({ id: courseSessions.id }).from(courseSessions).where(eq(courseSessions.courseId, request.courseId)).get();
    if (baselineReplaced) tx.update(courses).set({ baselinePhq9: submission.baselineBeforeFirstSession }).where(eq(courses.id, request.courseId)).run();
    tx.update(checkinDrafts).set({ stateEnc: draftStateEnc(draftId, submission.keepState), updatedAt: now, ...(submission.crisisShown ? { crisisShown: true } : {}) }).where(eq(checkinDrafts.id, draftId)).run();
    audit(submission.audit({ id: submission.checkinId, courseId: request.courseId, needsAcknowledgement: built.needsAcknowledgement, baselineReplaced }), submission.submittedAt);
    return { outcome: "stored", checkinId: submission.checkinId, courseId: request.courseId, needsAcknowledgement: built.needsAcknowledgement, baselineReplaced };
  });
}

async function listCheckinsOfCourse(courseId: string): Promise<CheckinRow[]> {
  return getDb().select().from(checkins).where(eq(checkins.courseId, courseId)).orderBy(asc(checkins.submittedAt), asc(checkins.id)).all().map(toCheckinRow);
}

async function acknowledge(checkinId: string, by: { userId: string; at: Date }, event: (owner: { courseId: string; intakeId: string }) => AuditEvent): Promise<"missing" | "already" | "acknowledged"> {
  return inTransaction((tx, audit) => {
    const row = tx
      .select({ needs: checkins.needsAcknowledgement, courseId: checkins.courseId, intakeId: courses.intakeId })
      .from(checkins)
      .innerJoin(courses, eq(courses.id, checkins.courseId))
      .where(eq(checkins.id, checkinId))
      .get();
    if (!row) return "missing";
    if (!row.needs) return "already";
    tx.update(checkins).set({ needsAcknowledgement: false, acknowledgedAt: by.at.toISOString(), acknowledgedBy: by.userId }).where(eq(checkins.id, checkinId)).run();
    audit(event(row), by.at);
    return "acknowledged";
  });
}

async function listCourseAttention(now: string): Promise<CourseAttentionRow[]> {
  const db = getDb();
  const waiting = db
    .select({ courseId: checkins.courseId, n: count(), oldest: min(checkins.submittedAt) })
    .from(checkins)
    .where(eq(checkins.needsAcknowledgement, true))
    .groupBy(checkins.courseId)
    .all();
  const open = db
    .select({ courseId: checkinRequests.courseId, n: count() })
    .from(checkinRequests)
    .where(and(isNull(checkinRequests.usedAt), isNull(checkinRequests.endedAt), gt(checkinRequests.expiresAt, now)))
    .groupBy(checkinRequests.courseId)
    .all();
  const ids = [...new Set([...waiting, ...open].map((r) => r.courseId))];
  if (ids.length === 0) return [];
  const owners = db.select({ id: courses.id, intakeId: courses.intakeId }).from(courses).where(inArray(courses.id, ids)).all();
  const latest = db.select({ courseId: checkins.courseId, at: max(checkins.submittedAt) }).from(checkins).where(inArray(checkins.courseId, ids)).groupBy(checkins.courseId).all();
  return attentionRows(owners, waiting, open, latest);
}

async function deleteExpiredDrafts(now: string): Promise<number> {
  return getDb().delete(checkinDrafts).where(lte(checkinDrafts.expiresAt, now)).run().changes;
}

export const sqliteCheckins: CheckinsRepository = {
  insertRequest,
  markRequestEmailed,
  findRequestByTokenHash,
  listRequestsOfCourse,
  recordDobMismatch,
  startDraft,
  findDraftBySessionHash,
  updateDraftState,
  submit,
  listCheckinsOfCourse,
  acknowledge,
  listCourseAttention,
  deleteExpiredDrafts,
};
