import "server-only";
import { and, asc, count, desc, eq, gt, inArray, isNull, lte, max, min } from "drizzle-orm";
import { getPgDb } from "@/db/pg-client";
import { checkinDrafts, checkinRequests, checkins, courses, courseSessions } from "@/db/schema-pg";
import { inPgTransaction } from "@/db/transaction";
import type { AuditEvent } from "@/lib/audit/audit-log";
import type { CheckinDraftState, CheckinRequestRow, CheckinRow, CheckinsRepository, CourseAttentionRow, DobMismatchResult, NewCheckinRequestRow, Submission, SubmitResult } from "../checkins";
import { checkinValues, draftStateEnc, readCheckinAnswers, readDraftStateOf, toCheckinRow, outcomeFactsEnc, readOutcomeFacts } from "../shared/courses";
import { attentionRows, usableAt } from "../shared/checkins";

/**
 * Check-in links, drafts and check-ins on PostgreSQL (see ../checkins.ts). Audited writes take the
 * audit chain lock first, then lock the link row they decide on (`for update`), so two submissions
 * of one link, or a submission and a wrong date of birth, serialise.
 */

/** A CheckinRequestRow (never the token hash), with the course's intake. */
const requestQuery = () =>
  getPgDb()
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
  return inPgTransaction(
    async (tx, audit) => {
      const [course] = await tx.select({ closedAt: courses.closedAt }).from(courses).where(eq(courses.id, row.courseId)).for("share");
      if (!course) return "missing";
      if (course.closedAt) return "ended";
      await tx.insert(checkinRequests).values({ ...row, createdAt: row.createdAt.toISOString() });
      await audit(event, row.createdAt);
      return "created";
    },
    { audited: true },
  );
}

async function markRequestEmailed(id: string, at: Date, event: AuditEvent): Promise<void> {
  await inPgTransaction(
    async (tx, audit) => {
      await tx.update(checkinRequests).set({ emailedAt: at.toISOString() }).where(eq(checkinRequests.id, id));
      await audit(event, at);
    },
    { audited: true },
  );
}

async function findRequestByTokenHash(tokenHash: string): Promise<CheckinRequestRow | undefined> {
  const [row] = await requestQuery().where(eq(checkinRequests.tokenHash, tokenHash));
  return row;
}

async function listRequestsOfCourse(courseId: string): Promise<CheckinRequestRow[]> {
  return requestQuery().where(eq(checkinRequests.courseId, courseId)).orderBy(desc(checkinRequests.createdAt), desc(checkinRequests.id));
}

async function recordDobMismatch(requestId: string, maxTries: number, at: Date, events: (result: { tries: number; ended: boolean }) => AuditEvent[]): Promise<DobMismatchResult> {
  return inPgTransaction(
    async (tx, audit): Promise<DobMismatchResult> => {
      const [row] = await tx.select().from(checkinRequests).where(eq(checkinRequests.id, requestId)).for("update");
      if (!row || row.usedAt || row.endedAt) return undefined;
      const tries = row.wrongDobTries + 1;
      const ended = tries >= maxTries;
      await tx
        .update(checkinRequests)
        .set({ wrongDobTries: tries, ...(ended ? { endedAt: at.toISOString() } : {}) })
        .where(eq(checkinRequests.id, requestId));
      if (ended) await tx.delete(checkinDrafts).where(eq(checkinDrafts.requestId, requestId));
      for (const event of events({ tries, ended })) await audit(event, at);
      return { tries, ended };
    },
    { audited: true },
  );
}

async function startDraft(requestId: string, draft: { id: string; sessionHash: string; state: unknown; createdAt: Date; expiresAt: string }, event: AuditEvent): Promise<boolean> {
  const now = draft.createdAt.toISOString();
  return inPgTransaction(
    async (tx, audit) => {
      const [row] = await tx.select().from(checkinRequests).where(eq(checkinRequests.id, requestId)).for("update");
      if (!row || !usableAt(row, now)) return false;
      await tx.delete(checkinDrafts).where(eq(checkinDrafts.requestId, requestId));
      await tx
        .insert(checkinDrafts)
        .values({ id: draft.id, requestId, sessionHash: draft.sessionHash, stateEnc: draftStateEnc(draft.id, draft.state), createdAt: now, updatedAt: now, expiresAt: draft.expiresAt });
      await audit(event, draft.createdAt);
      return true;
    },
    { audited: true },
  );
}

async function findDraftBySessionHash(sessionHash: string, now: string): Promise<CheckinDraftState | undefined> {
  const [row] = await getPgDb()
    .select({ draft: checkinDrafts, request: checkinRequests, intakeId: courses.intakeId, checkinId: checkins.id })
    .from(checkinDrafts)
    .innerJoin(checkinRequests, eq(checkinRequests.id, checkinDrafts.requestId))
    .innerJoin(courses, eq(courses.id, checkinRequests.courseId))
    .leftJoin(checkins, eq(checkins.requestId, checkinRequests.id))
    .where(and(eq(checkinDrafts.sessionHash, sessionHash), gt(checkinDrafts.expiresAt, now)));
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
  return inPgTransaction(async (tx) => {
    const [row] = await tx
      .select({ request: checkinRequests })
      .from(checkinDrafts)
      .innerJoin(checkinRequests, eq(checkinRequests.id, checkinDrafts.requestId))
      .where(eq(checkinDrafts.id, id))
      .for("share", { of: checkinRequests });
    if (!row || !usableAt(row.request, change.now)) return false;
    await tx
      .update(checkinDrafts)
      .set({ stateEnc: draftStateEnc(id, change.state), updatedAt: change.updatedAt, expiresAt: change.expiresAt, ...(change.crisisShown ? { crisisShown: true } : {}) })
      .where(eq(checkinDrafts.id, id));
    return true;
  });
}

async function submit(draftId: string, submission: Submission): Promise<SubmitResult> {
  const now = submission.submittedAt.toISOString();
  return inPgTransaction(
    async (tx, audit): Promise<SubmitResult> => {
      const [draft] = await tx.select({ requestId: checkinDrafts.requestId }).from(checkinDrafts).where(eq(checkinDrafts.id, draftId));
      if (!draft) return { outcome: "unavailable" };
      const [request] = await tx.select().from(checkinRequests).where(eq(checkinRequests.id, draft.requestId)).for("update");
      if (!request) return { outcome: "unavailable" };
      if (request.usedAt) {
        const [done] = await tx.select({ id: checkins.id }).from(checkins).where(eq(checkins.requestId, request.id));
        return done ? { outcome: "replayed", checkinId: done.id, courseId: request.courseId } : { outcome: "unavailable" };
      }
      if (!usableAt(request, now)) return { outcome: "unavailable" };
      const [course] = await tx.select({ baselinePhq9: courses.baselinePhq9, outcomeFactsEnc: courses.outcomeFactsEnc }).from(courses).where(eq(courses.id, request.courseId));
      const [previous] = await tx
        .select({ id: checkins.id, answersEnc: checkins.answersEnc })
        .from(checkins)
        .where(eq(checkins.courseId, request.courseId))
        .orderBy(desc(checkins.submittedAt), desc(checkins.id))
        .limit(1);
      const built = submission.build({
        courseId: request.courseId,
        baselinePhq9: course!.baselinePhq9,
        previousAnswers: previous ? readCheckinAnswers(previous.id, previous.answersEnc) : undefined,
      });
      await tx.insert(checkins).values(checkinValues({ ...built, id: submission.checkinId, courseId: request.courseId, requestId: request.id, submittedAt: now }));
      await tx.update(checkinRequests).set({ usedAt: now }).where(eq(checkinRequests.id, request.id));
      // The report facts move in the same transaction (submissions serialise on the audit chain / the immediate lock).
      if (course!.outcomeFactsEnc !== null)
        await tx.update(courses).set({ outcomeFactsEnc: outcomeFactsEnc(request.courseId, submission.outcomeFacts(readOutcomeFacts(request.courseId, course!.outcomeFactsEnc), built)) }).where(eq(courses.id, request.courseId));
      const [session] = await tx.select({ id: courseSessions.id }).from(courseSessions).where(eq(courseSessions.courseId, request.courseId)).limit(1);
      const baselineReplaced = !session;
      if (baselineReplaced) await tx.update(courses).set({ baselinePhq9: submission.baselineBeforeFirstSession }).where(eq(courses.id, request.courseId));
      await tx.update(checkinDrafts).set({ stateEnc: draftStateEnc(draftId, submission.keepState), updatedAt: now, ...(submission.crisisShown ? { crisisShown: true } : {}) }).where(eq(checkinDrafts.id, draftId));
      await audit(submission.audit({ id: submission.checkinId, courseId: request.courseId, needsAcknowledgement: built.needsAcknowledgement, baselineReplaced }), submission.submittedAt);
      return { outcome: "stored", checkinId: submission.checkinId, courseId: request.courseId, needsAcknowledgement: built.needsAcknowledgement, baselineReplaced };
    },
    { audited: true },
  );
}

async function listCheckinsOfCourse(courseId: string): Promise<CheckinRow[]> {
  const rows = await getPgDb().select().from(checkins).where(eq(checkins.courseId, courseId)).orderBy(asc(checkins.submittedAt), asc(checkins.id));
  return rows.map(toCheckinRow);
}

async function acknowledge(checkinId: string, by: { userId: string; at: Date }, event: (owner: { courseId: string; intakeId: string }) => AuditEvent): Promise<"missing" | "already" | "acknowledged"> {
  return inPgTransaction(
    async (tx, audit) => {
      const [row] = await tx
        .select({ needs: checkins.needsAcknowledgement, courseId: checkins.courseId, intakeId: courses.intakeId })
        .from(checkins)
        .innerJoin(courses, eq(courses.id, checkins.courseId))
        .where(eq(checkins.id, checkinId))
        .for("update", { of: checkins });
      if (!row) return "missing";
      if (!row.needs) return "already";
      await tx.update(checkins).set({ needsAcknowledgement: false, acknowledgedAt: by.at.toISOString(), acknowledgedBy: by.userId }).where(eq(checkins.id, checkinId));
      await audit(event(row), by.at);
      return "acknowledged";
    },
    { audited: true },
  );
}

async function listCourseAttention(now: string): Promise<CourseAttentionRow[]> {
  const db = getPgDb();
  const waiting = await db
    .select({ courseId: checkins.courseId, n: count(), oldest: min(checkins.submittedAt) })
    .from(checkins)
    .where(eq(checkins.needsAcknowledgement, true))
    .groupBy(checkins.courseId);
  const open = await db
    .select({ courseId: checkinRequests.courseId, n: count() })
    .from(checkinRequests)
    .where(and(isNull(checkinRequests.usedAt), isNull(checkinRequests.endedAt), gt(checkinRequests.expiresAt, now)))
    .groupBy(checkinRequests.courseId);
  const ids = [...new Set([...waiting, ...open].map((r) => r.courseId))];
  if (ids.length === 0) return [];
  const owners = await db.select({ id: courses.id, intakeId: courses.intakeId }).from(courses).where(inArray(courses.id, ids));
  const latest = await db.select({ courseId: checkins.courseId, at: max(checkins.submittedAt) }).from(checkins).where(inArray(checkins.courseId, ids)).groupBy(checkins.courseId);
  return attentionRows(owners, waiting, open, latest);
}

async function deleteExpiredDrafts(now: string): Promise<number> {
  const deleted = await getPgDb().delete(checkinDrafts).where(lte(checkinDrafts.expiresAt, now)).returning({ id: checkinDrafts.id });
  return deleted.length;
}

export const pgCheckins: CheckinsRepository = {
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
