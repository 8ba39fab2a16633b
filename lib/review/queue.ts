import "server-only";
import { randomBytes } from "node:crypto";
import { and, asc, count, desc, eq, gte, inArray, lt, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { INTAKE_STATUSES, intakeNotes, intakeStatusHistory, intakes, users, type IntakeStatus } from "@/db/schema";
import { decryptField, encryptField } from "@/lib/crypto/field-encryption";
import { appendAuditEvent } from "@/lib/audit/audit-log";
import { forDisplay, type Assessment, type Consideration } from "@/lib/assessment";
import type { Answers } from "@/lib/questionnaire";
import { STATUS_LABELS } from "@/lib/review-wording";
import { isRealDate } from "@/lib/questionnaire/dates";
import { findIntakeIdByReference, findIntakeIdsByEmail, findIntakeIdsByName, getIntakeById, intakeAad } from "./intakes";

/**
 * The therapist's review queue and the actions on one intake. Every function that reads health
 * information or changes an intake records an audit event in the same transaction.
 */

export interface Reviewer {
  userId: string;
  email: string;
  ipAddress: string | null;
}

const TRIAGES = ["urgent", "not_suitable_now", "needs_clearance", "proceed_with_cautions", "proceed"] as const;

// A calendar date that exists (2026-13-45 does not), in years the day arithmetic below can handle.
const isoDate = z
  .string()
  .refine((v) => isRealDate(v) && v >= "1900" && v < "3000", "is not a real date (use YYYY-MM-DD, for example 2026-03-31)");
const queueFilterFields = {
  status: z.enum(INTAKE_STATUSES, { error: "is not one of the statuses" }).optional(),
  triage: z.enum(TRIAGES, { error: "is not one of the triage levels" }).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
};
export const queueFilterSchema = z.strictObject(queueFilterFields);
export type QueueFilter = z.infer<typeof queueFilterSchema>;

/**
 * The queue filters from a URL's query, each parsed on its own: a wrong one is dropped and named
 * (the others still apply), and its value is never repeated back.
 */
export function parseQueueFilter(query: Record<string, string | string[] | undefined>): { filter: QueueFilter; invalid: (keyof QueueFilter)[] } {
  const filter: QueueFilter = {};
  const invalid: (keyof QueueFilter)[] = [];
  for (const key of Object.keys(queueFilterFields) as (keyof QueueFilter)[]) {
    const raw = query[key];
    if (raw === undefined || raw === "") continue;
    const parsed = queueFilterFields[key].safeParse(raw);
    if (parsed.success && parsed.data !== undefined) (filter as Record<string, string>)[key] = parsed.data;
    else invalid.push(key);
  }
  return { filter, invalid };
}

const cursorSchema = z.tuple([z.boolean(), z.number().int(), z.string().max(40), z.string().max(40)]);

/** An opaque position in the queue: the sort key of the last row shown. */
export function encodeCursor(row: { needsAcknowledgement: boolean; triageRank: number; receivedAt: string; id: string }): string {
  return Buffer.from(JSON.stringify([row.needsAcknowledgement, row.triageRank, row.receivedAt, row.id])).toString("base64url");
}

export function decodeCursor(cursor: string): z.infer<typeof cursorSchema> | undefined {
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export interface QueueRow {
  id: string;
  reference: string;
  name: string;
  receivedAt: string;
  submittedAt: string;
  status: IntakeStatus;
  triage: Assessment["triage"] | null;
  needsAcknowledgement: boolean;
  phq9: { total: number; band: string } | null;
  topConsiderations: Pick<Consideration, "id" | "severity" | "title">[];
}

/** The instant a calendar day starts in the clinic's time zone (received times are stored in UTC). */
function dayStart(date: string, timeZone: string): string {
  // The instant of local midnight: try the offsets a zone can have and keep the one that maps back.
  for (let offset = -14; offset <= 14; offset++) {
    const candidate = new Date(`${date}T00:00:00Z`);
    candidate.setUTCHours(candidate.getUTCHours() - offset);
    const local = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", hourCycle: "h23" }).format(candidate);
    if (local.startsWith(`${date}, 00`)) return candidate.toISOString();
  }
  return new Date(`${date}T00:00:00Z`).toISOString();
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function filterConditions(filter: QueueFilter, timeZone: string): SQL[] {
  const where: SQL[] = [];
  if (filter.status) where.push(eq(intakes.status, filter.status));
  if (filter.triage) where.push(eq(intakes.triage, filter.triage));
  if (filter.from) where.push(gte(intakes.receivedAt, dayStart(filter.from, timeZone)));
  if (filter.to) where.push(lt(intakes.receivedAt, dayStart(nextDay(filter.to), timeZone)));
  return where;
}

const QUEUE_ORDER = [desc(intakes.needsAcknowledgement), desc(intakes.triageRank), desc(intakes.receivedAt), desc(intakes.id)];

type QueueSelect = {
  id: string;
  referenceEnc: string;
  contactEnc: string;
  assessmentEnc: string | null;
  receivedAt: string;
  submittedAt: string;
  status: IntakeStatus;
  triage: string | null;
  needsAcknowledgement: boolean;
  triageRank: number;
};

const QUEUE_COLUMNS = {
  id: intakes.id,
  referenceEnc: intakes.referenceEnc,
  contactEnc: intakes.contactEnc,
  assessmentEnc: intakes.assessmentEnc,
  receivedAt: intakes.receivedAt,
  submittedAt: intakes.submittedAt,
  status: intakes.status,
  triage: intakes.triage,
  needsAcknowledgement: intakes.needsAcknowledgement,
  triageRank: intakes.triageRank,
};

export function toQueueRow(r: QueueSelect): QueueRow {
  const contact = JSON.parse(decryptField(r.contactEnc, intakeAad(r.id, "contact"))) as Answers;
  const assessment = r.assessmentEnc ? (JSON.parse(decryptField(r.assessmentEnc, intakeAad(r.id, "assessment"))) as Assessment) : undefined;
  return {
    id: r.id,
    reference: decryptField(r.referenceEnc, intakeAad(r.id, "reference")),
    name: contact.preferred_name ? `${contact.full_name} (${contact.preferred_name})` : String(contact.full_name ?? ""),
    receivedAt: r.receivedAt,
    submittedAt: r.submittedAt,
    status: r.status,
    triage: (r.triage as Assessment["triage"] | null) ?? null,
    needsAcknowledgement: r.needsAcknowledgement,
    phq9: assessment ? { total: assessment.scores.phq9.total, band: assessment.scores.phq9.band } : null,
    topConsiderations: assessment
      ? forDisplay(assessment.considerations)
          .filter((c) => c.severity !== "info")
          .slice(0, 3)
          .map(({ id, severity, title }) => ({ id, severity, title }))
      : [],
  };
}

export interface QueuePage {
  rows: QueueRow[];
  total: number;
  nextCursor: string | null;
}

/** One page of the review queue, urgent-and-unacknowledged first, then by triage, then newest. Audited. */
export function listReviewQueue(filter: QueueFilter, cursor: string | undefined, limit: number, timeZone: string, reviewer: Reviewer): QueuePage {
  const page = queryReviewQueue(filter, cursor, limit, timeZone);
  getDb().transaction((tx) => appendAuditEvent(tx, { action: "intake.list", actorUserId: reviewer.userId, actorEmail: reviewer.email, ipAddress: reviewer.ipAddress, detail: { shown: page.rows.length } }), { behavior: "immediate" });
  return page;
}

/** The data access alone (no audit): what the dashboard benchmark compares with raw SQL. */
export function queryReviewQueue(filter: QueueFilter, cursor: string | undefined, limit: number, timeZone: string): QueuePage {
  const db = getDb();
  const where = filterConditions(filter, timeZone);
  const total = db.select({ n: count() }).from(intakes).where(and(...where)).get()!.n;
  const after = cursor ? decodeCursor(cursor) : undefined;
  const pageWhere = after
    ? [...where, sql`(${intakes.needsAcknowledgement}, ${intakes.triageRank}, ${intakes.receivedAt}, ${intakes.id}) < (${after[0] ? 1 : 0}, ${after[1]}, ${after[2]}, ${after[3]})`]
    : where;
  const found = db
    .select(QUEUE_COLUMNS)
    .from(intakes)
    .where(and(...pageWhere))
    .orderBy(...QUEUE_ORDER)
    .limit(limit + 1)
    .all();
  const rows = found.slice(0, limit).map(toQueueRow);
  const last = found.length > limit ? found[limit - 1] : undefined;
  return { rows, total, nextCursor: last ? encodeCursor(last) : null };
}

export const searchSchema = z.strictObject({ query: z.string().trim().min(1, "Enter an e-mail, a reference or a name").max(200, "Use 200 characters or fewer") });

/** Exact e-mail, exact reference or every name token — through the blind indexes only. The text is never stored or logged. */
export function searchIntakes(query: string, reviewer: Reviewer): QueueRow[] {
  const q = query.trim();
  let ids: string[];
  let kind: string;
  if (q.includes("@")) {
    ids = findIntakeIdsByEmail(q);
    kind = "email";
  } else if (/^\s*KT[-\s]?[0-9A-Z]{4}[-\s]?[0-9A-Z]{4}\s*$/i.test(q)) {
    const id = findIntakeIdByReference(q);
    ids = id ? [id] : [];
    kind = "reference";
  } else {
    ids = findIntakeIdsByName(q);
    kind = "name";
  }
  const db = getDb();
  const rows = ids.length === 0 ? [] : db.select(QUEUE_COLUMNS).from(intakes).where(inArray(intakes.id, ids.slice(0, 200))).orderBy(...QUEUE_ORDER).all().map(toQueueRow);
  db.transaction((tx) => appendAuditEvent(tx, { action: "intake.search", actorUserId: reviewer.userId, actorEmail: reviewer.email, ipAddress: reviewer.ipAddress, detail: { kind, results: rows.length } }), {
    behavior: "immediate",
  });
  return rows;
}

export function countUnacknowledgedUrgent(): { count: number; oldestReceivedAt: string | null } {
  const row = getDb()
    .select({ n: count(), oldest: sql<string | null>`min(${intakes.receivedAt})` })
    .from(intakes)
    .where(eq(intakes.needsAcknowledgement, true))
    .get()!;
  return { count: row.n, oldestReceivedAt: row.oldest };
}

/** The workflow: new → in_review → consult_booked | not_suitable | referred_out → archived. */
export const STATUS_TRANSITIONS: Record<IntakeStatus, readonly IntakeStatus[]> = {
  new: ["in_review"],
  in_review: ["consult_booked", "not_suitable", "referred_out"],
  consult_booked: ["archived"],
  not_suitable: ["archived"],
  referred_out: ["archived"],
  archived: [],
};

export interface ReviewDetail {
  intake: NonNullable<ReturnType<typeof getIntakeById>>;
  needsAcknowledgement: boolean;
  acknowledged: { at: string; by: string } | null;
  history: { from: string; to: string; at: string; by: string }[];
  notes: { id: string; at: string; by: string; body: string }[];
}

const nameOf = (userId: string | null) =>
  userId ? (getDb().select({ name: users.name, email: users.email }).from(users).where(eq(users.id, userId)).get()?.name ?? "a former account") : "—";

/** Everything about one intake, for the detail page; the view is audited. */
export function getIntakeForReview(id: string, reviewer: Reviewer): ReviewDetail | undefined {
  const db = getDb();
  const intake = getIntakeById(id);
  if (!intake) return undefined;
  const row = db.select({ needs: intakes.needsAcknowledgement, at: intakes.acknowledgedAt, by: intakes.acknowledgedBy }).from(intakes).where(eq(intakes.id, id)).get()!;
  const history = db.select().from(intakeStatusHistory).where(eq(intakeStatusHistory.intakeId, id)).orderBy(asc(intakeStatusHistory.id)).all();
  const notes = db.select().from(intakeNotes).where(eq(intakeNotes.intakeId, id)).orderBy(asc(intakeNotes.at), asc(intakeNotes.id)).all();
  db.transaction((tx) => appendAuditEvent(tx, { action: "intake.view", actorUserId: reviewer.userId, actorEmail: reviewer.email, ipAddress: reviewer.ipAddress, intakeId: id }), { behavior: "immediate" });
  return {
    intake,
    needsAcknowledgement: row.needs,
    acknowledged: row.at ? { at: row.at, by: nameOf(row.by) } : null,
    history: history.map((h) => ({ from: h.fromStatus, to: h.toStatus, at: h.at, by: nameOf(h.byUserId) })),
    notes: notes.map((n) => ({ id: n.id, at: n.at, by: nameOf(n.authorUserId), body: decryptField(n.bodyEnc, `intake_notes.${n.id}.body`) })),
  };
}

export class ReviewConflict extends Error {}

export function changeIntakeStatus(id: string, to: IntakeStatus, reviewer: Reviewer, now = new Date()): void {
  const db = getDb();
  db.transaction(
    (tx) => {
      const current = tx.select({ status: intakes.status }).from(intakes).where(eq(intakes.id, id)).get();
      if (!current) throw new ReviewConflict("This intake no longer exists");
      if (!STATUS_TRANSITIONS[current.status].includes(to))
        throw new ReviewConflict(`An intake that is "${STATUS_LABELS[current.status]}" cannot move to "${STATUS_LABELS[to]}"`);
      tx.update(intakes).set({ status: to }).where(eq(intakes.id, id)).run();
      tx.insert(intakeStatusHistory).values({ intakeId: id, fromStatus: current.status, toStatus: to, byUserId: reviewer.userId, at: now.toISOString() }).run();
      appendAuditEvent(tx, { action: "intake.status_change", actorUserId: reviewer.userId, actorEmail: reviewer.email, ipAddress: reviewer.ipAddress, intakeId: id, detail: { from: current.status, to } }, now);
    },
    { behavior: "immediate" },
  );
}

export const NOTE_MAX_LENGTH = 5000;

export function addIntakeNote(id: string, body: string, reviewer: Reviewer, now = new Date()): void {
  const db = getDb();
  const noteId = randomBytes(12).toString("base64url");
  db.transaction(
    (tx) => {
      if (!tx.select({ id: intakes.id }).from(intakes).where(eq(intakes.id, id)).get()) throw new ReviewConflict("This intake no longer exists");
      tx.insert(intakeNotes).values({ id: noteId, intakeId: id, authorUserId: reviewer.userId, at: now.toISOString(), bodyEnc: encryptField(body, `intake_notes.${noteId}.body`) }).run();
      appendAuditEvent(tx, { action: "intake.note", actorUserId: reviewer.userId, actorEmail: reviewer.email, ipAddress: reviewer.ipAddress, intakeId: id, detail: { note: noteId } }, now);
    },
    { behavior: "immediate" },
  );
}

/** Records who saw an urgent intake and when; it then sorts by triage like the others. */
export function acknowledgeIntake(id: string, reviewer: Reviewer, now = new Date()): void {
  const db = getDb();
  db.transaction(
    (tx) => {
      const row = tx.select({ needs: intakes.needsAcknowledgement }).from(intakes).where(eq(intakes.id, id)).get();
      if (!row) throw new ReviewConflict("This intake no longer exists");
      if (!row.needs) throw new ReviewConflict("This intake was already acknowledged");
      tx.update(intakes).set({ needsAcknowledgement: false, acknowledgedAt: now.toISOString(), acknowledgedBy: reviewer.userId }).where(eq(intakes.id, id)).run();
      appendAuditEvent(tx, { action: "intake.acknowledge", actorUserId: reviewer.userId, actorEmail: reviewer.email, ipAddress: reviewer.ipAddress, intakeId: id }, now);
    },
    { behavior: "immediate" },
  );
}
