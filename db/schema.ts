import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const INTAKE_STATUSES = ["new", "in_review", "consult_booked", "declined", "closed"] as const;
export type IntakeStatus = (typeof INTAKE_STATUSES)[number];

/**
 * One submitted intake. Everything that identifies the person or says anything about their health
 * is encrypted (`*_enc`, AES-256-GCM with the row id as associated data); search uses keyed blind
 * indexes (`*_index`). Plain columns hold only what is not health information.
 */
export const intakes = sqliteTable(
  "intakes",
  {
    id: text("id").primaryKey(),
    referenceIndex: text("reference_index").notNull().unique(),
    referenceEnc: text("reference_enc").notNull(),
    questionnaireId: text("questionnaire_id").notNull(),
    questionnaireVersion: text("questionnaire_version").notNull(),
    receivedAt: text("received_at").notNull(),
    submittedAt: text("submitted_at").notNull(),
    referenceDate: text("reference_date").notNull(),
    status: text("status", { enum: INTAKE_STATUSES }).notNull().default("new"),
    contactEnc: text("contact_enc").notNull(),
    answersEnc: text("answers_enc").notNull(),
    emailIndex: text("email_index").notNull(),
    idempotencyIndex: text("idempotency_index").unique(),
    requestIndex: text("request_index"),
    // The assessment as computed at submission (encrypted snapshot) and what the dashboard sorts
    // and filters on. Null only for rows stored before assessments existed, until backfilled.
    assessmentEnc: text("assessment_enc"),
    ruleSetVersion: text("rule_set_version"),
    triage: text("triage"),
    highestSeverity: text("highest_severity"),
    urgent: integer("urgent", { mode: "boolean" }),
    phq9Total: integer("phq9_total"),
    // The consent record of an intake sent through the form: which privacy notice, and when.
    privacyNoticeVersion: text("privacy_notice_version"),
    consentedAt: text("consented_at"),
  },
  (t) => [
    index("intakes_email_index").on(t.emailIndex),
    index("intakes_status_received").on(t.status, t.receivedAt),
    index("intakes_review_queue").on(t.urgent, t.receivedAt),
    check("intakes_status_check", sql`${t.status} in ('new', 'in_review', 'consult_booked', 'declined', 'closed')`),
  ],
);

/** Blind-index tokens of the client's names, for exact-token name search. */
export const intakeNameTokens = sqliteTable(
  "intake_name_tokens",
  {
    intakeId: text("intake_id")
      .notNull()
      .references(() => intakes.id, { onDelete: "cascade" }),
    token: text("token").notNull(),
  },
  (t) => [primaryKey({ columns: [t.intakeId, t.token] }), index("intake_name_tokens_token").on(t.token)],
);

/**
 * An intake being filled in through the form. The person holds a random session token in an
 * HttpOnly cookie and, optionally, a resume link; only SHA-256 hashes of either are stored. The
 * answers so far are encrypted like an intake's. A draft expires 7 days after it was last saved.
 */
export const drafts = sqliteTable(
  "drafts",
  {
    id: text("id").primaryKey(),
    sessionHash: text("session_hash").notNull().unique(),
    resumeHash: text("resume_hash").unique(),
    resumeExpiresAt: text("resume_expires_at"),
    stateEnc: text("state_enc").notNull(),
    privacyNoticeVersion: text("privacy_notice_version").notNull(),
    consentedAt: text("consented_at").notNull(),
    /** Once crisis numbers have been shown, they stay on every later step. */
    crisisShown: integer("crisis_shown", { mode: "boolean" }).notNull().default(false),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
    expiresAt: text("expires_at").notNull(),
    /** Set when the draft was submitted; the answers are then removed from the draft. */
    intakeId: text("intake_id"),
  },
  (t) => [index("drafts_expires_at").on(t.expiresAt)],
);
