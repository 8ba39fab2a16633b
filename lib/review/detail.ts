import "server-only";
import * as review from "@/db/repositories/intake-review";
import { listIntakeIdsWithoutAssessment, readIntake, storeAssessment } from "@/db/repositories/intakes";
import { appendAuditEvents } from "@/db/repositories/audit-events";
import { assess, ruleSetOf, type Assessment, type RuleSet } from "@/lib/assessment";
import type { QuestionnaireVersion } from "@/lib/questionnaire";
import { assessmentColumns, getIntakeById, toStoredIntake, type StoredIntake } from "@/lib/intake/intake-record";
import { actorOf, type Reviewer } from "./reviewer";

/** One intake for the therapist: everything on the detail page, and its assessment under the current rules. */

/** The intake's notes and status history, each with who and when (names, not account ids). */
export interface ReviewRecord {
  history: { from: string; to: string; at: string; by: string }[];
  notes: { id: string; at: string; by: string; body: string }[];
}

export interface ReviewDetail extends ReviewRecord {
  intake: StoredIntake;
  needsAcknowledgement: boolean;
  acknowledged: { at: string; by: string } | null;
}

async function recordOf(id: string, alsoName: (string | null)[] = []) {
  const history = await review.listStatusHistory(id);
  const notes = await review.listNotes(id);
  const names = await review.userNames([...alsoName, ...history.map((h) => h.byUserId), ...notes.map((n) => n.authorUserId)].filter((u): u is string => !!u));
  const nameOf = (userId: string | null) => (userId ? (names.get(userId) ?? "a former account") : "—");
  return {
    nameOf,
    record: {
      history: history.map((h) => ({ from: h.from, to: h.to, at: h.at, by: nameOf(h.byUserId) })),
      notes: notes.map((n) => ({ id: n.id, at: n.at, by: nameOf(n.authorUserId), body: n.body })),
    } satisfies ReviewRecord,
  };
}

/** The notes and status history alone (the PDF's optional last section); the caller audits. */
export async function getReviewRecord(id: string): Promise<ReviewRecord> {
  return (await recordOf(id)).record;
}

/** Everything about one intake, for the detail page; the view is audited. */
export async function getIntakeForReview(id: string, reviewer: Reviewer): Promise<ReviewDetail | undefined> {
  const row = await readIntake(id);
  if (!row) return undefined;
  const { nameOf, record } = await recordOf(id, [row.acknowledgedBy]);
  await appendAuditEvents([{ action: "intake.view", ...actorOf(reviewer), intakeId: id }]);
  return {
    intake: toStoredIntake(row),
    needsAcknowledgement: row.needsAcknowledgement,
    acknowledged: row.acknowledgedAt ? { at: row.acknowledgedAt, by: nameOf(row.acknowledgedBy) } : null,
    ...record,
  };
}

/** Computes and stores assessments for intakes stored before assessments existed. Returns how many. */
export async function backfillAssessments(ruleSets: Readonly<Record<QuestionnaireVersion, RuleSet>>): Promise<number> {
  const pending = await listIntakeIdsWithoutAssessment();
  for (const id of pending) {
    const intake = (await getIntakeById(id))!;
    await storeAssessment(id, assessmentColumns(assess(intake.answers, intake.referenceDate, ruleSetOf(ruleSets, intake.questionnaireVersion))));
  }
  return pending.length;
}

export interface Reassessment {
  stored: Assessment | undefined;
  current: Assessment;
  /** True when the current rules give a different triage or list of considerations. */
  differs: boolean;
}

/** Re-assesses a stored intake under the current rules of its own questionnaire version, never overwriting the stored snapshot. */
export async function reassessIntake(id: string, ruleSets: Readonly<Record<QuestionnaireVersion, RuleSet>>): Promise<Reassessment | undefined> {
  const intake = await getIntakeById(id);
  if (!intake) return undefined;
  const current = assess(intake.answers, intake.referenceDate, ruleSetOf(ruleSets, intake.questionnaireVersion));
  const key = (a: Assessment | undefined) =>
    a ? JSON.stringify([a.ruleSetVersion, a.triage, a.trbd, a.considerations.map((c) => [c.id, c.severity])]) : "";
  return { stored: intake.assessment, current, differs: key(intake.assessment) !== key(current) };
}
