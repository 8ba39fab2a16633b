import { sql } from "drizzle-orm";
import { bigint, boolean, check, index, integer, pgTable, primaryKey, text, timestamp as pgTimestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { COURSE_END_REASONS, COURSE_PHASES, INTAKE_STATUSES } from "./schema";

/**
 * The PostgreSQL schema: the same tables, columns (same SQL names), indexes, unique, foreign-key and
 * CHECK constraints as db/schema.ts, with the same values at the JS level — SQLite's integer
 * booleans are `boolean`, its integer-millisecond timestamps (`timestamp_ms`, a Date) are
 * `timestamptz(3)` (a Date), ISO-string columns stay `text`. Change both files together:
 * tests/integration/schema-parity.test.ts compares the two migrated databases.
 */

export { COURSE_END_REASONS, COURSE_PHASES, INTAKE_STATUSES, type IntakeStatus } from "./schema";

/**
 * One submitted intake. Everything that identifies the person or says anything about their health
 * is encrypted (`*_enc`, AES-256-GCM with the row id as associated data); search uses keyed blind
 * indexes (`*_index`). Plain columns hold only what is not health information.
 */
export const intakes = pgTable(
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
    urgent: boolean("urgent"),
    phq9Total: integer("phq9_total"),
    // The consent record of an intake sent through the form: which privacy notice, and when.
    privacyNoticeVersion: text("privacy_notice_version"),
    consentedAt: text("consented_at"),
    // Review queue sort keys, from the stored assessment: urgent and not yet acknowledged first,
    // then triage severity (4 urgent … 0 proceed), then newest. A re-assessment never changes them.
    needsAcknowledgement: boolean("needs_acknowledgement").notNull().default(false),
    triageRank: integer("triage_rank").notNull().default(0),
    acknowledgedAt: text("acknowledged_at"),
    acknowledgedBy: text("acknowledged_by"),
  },
  (t) => [
    index("intakes_email_index").on(t.emailIndex),
    index("intakes_status_received").on(t.status, t.receivedAt),
    index("intakes_received").on(t.receivedAt),
    index("intakes_review_queue").on(t.needsAcknowledgement, t.triageRank, t.receivedAt, t.id),
    index("intakes_status_queue").on(t.status, t.needsAcknowledgement, t.triageRank, t.receivedAt, t.id),
    index("intakes_triage_queue").on(t.triage, t.needsAcknowledgement, t.triageRank, t.receivedAt, t.id),
    check(
      "intakes_status_check",
      sql`${t.status} in ('new', 'in_review', 'consult_booked', 'not_suitable', 'referred_out', 'archived')`,
    ),
  ],
);

/** Blind-index tokens of the client's names, for exact-token name search. */
export const intakeNameTokens = pgTable(
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
export const drafts = pgTable(
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
    crisisShown: boolean("crisis_shown").notNull().default(false),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
    expiresAt: text("expires_at").notNull(),
    /** Set when the draft was submitted; the answers are then removed from the draft. */
    intakeId: text("intake_id"),
    /** The client's copy of a submitted intake: a cookie token (hashed here), 30 minutes, a few downloads. */
    copyTokenHash: text("copy_token_hash").unique(),
    copyExpiresAt: text("copy_expires_at"),
    copyDownloads: integer("copy_downloads").notNull().default(0),
  },
  (t) => [index("drafts_expires_at").on(t.expiresAt)],
);

/** Who moved an intake from one status to another, and when. */
export const intakeStatusHistory = pgTable(
  "intake_status_history",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    intakeId: text("intake_id")
      .notNull()
      .references(() => intakes.id, { onDelete: "cascade" }),
    fromStatus: text("from_status").notNull(),
    toStatus: text("to_status").notNull(),
    byUserId: text("by_user_id").notNull(),
    at: text("at").notNull(),
  },
  (t) => [index("intake_status_history_intake").on(t.intakeId, t.id)],
);

/** The therapist's notes on an intake: append-only, the text encrypted. */
export const intakeNotes = pgTable(
  "intake_notes",
  {
    id: text("id").primaryKey(),
    intakeId: text("intake_id")
      .notNull()
      .references(() => intakes.id, { onDelete: "cascade" }),
    authorUserId: text("author_user_id").notNull(),
    at: text("at").notNull(),
    bodyEnc: text("body_enc").notNull(),
  },
  (t) => [index("intake_notes_intake").on(t.intakeId, t.at)],
);

// ——— The treatment course (treatment-course.md). Everything about the client's health is encrypted
// with the row id in the associated data (db/encrypted.ts); plain columns hold ids, times, the phase
// and the queue's sort keys. Every table hangs off its intake by a cascading foreign key, so deleting
// or purging the intake removes the course with it. Kept equal to db/schema.ts. ———


/**
 * A course of treatment started from an intake. `client_index` is the intake's e-mail blind index
 * (the key client-data uses to find a client's intakes), copied at the start: the partial unique
 * index lets the database itself refuse a second open course for the same client.
 */
export const courses = pgTable(
  "courses",
  {
    id: text("id").primaryKey(),
    intakeId: text("intake_id")
      .notNull()
      .references(() => intakes.id, { onDelete: "cascade" }),
    clientIndex: text("client_index").notNull(),
    startedOn: text("started_on").notNull(),
    phase: text("phase", { enum: COURSE_PHASES }).notNull().default("acute"),
    plannedAcuteSessions: integer("planned_acute_sessions").notNull(),
    baselinePhq9: integer("baseline_phq9").notNull(),
    endReason: text("end_reason", { enum: COURSE_END_REASONS }),
    openedAt: text("opened_at").notNull(),
    openedBy: text("opened_by").notNull(),
    /** Set when the phase becomes `ended`; an open course has none. */
    closedAt: text("closed_at"),
    /**
     * What the clinic outcome report needs of the course's health information, one encrypted JSON
     * per course (ReportFactsBlob: bipolar type, latest PHQ-9, whether SWITCH_SIGNS ever fired),
     * kept in the transaction of each start and check-in so the report decrypts once per course.
     * Null only for courses stored before it existed, until the start-up backfill fills it.
     */
    outcomeFactsEnc: text("outcome_facts_enc"),
  },
  (t) => [
    index("courses_intake").on(t.intakeId, t.openedAt),
    index("courses_started_on").on(t.startedOn),
    uniqueIndex("courses_one_open_per_client").on(t.clientIndex).where(sql`${t.closedAt} is null`),
    check("courses_phase_check", sql`${t.phase} in ('acute', 'maintenance', 'ended')`),
    check("courses_planned_check", sql`${t.plannedAcuteSessions} between 1 and 12`),
    check("courses_baseline_check", sql`${t.baselinePhq9} between 0 and 27`),
    check("courses_ended_check", sql`(${t.phase} = 'ended') = (${t.endReason} is not null and ${t.closedAt} is not null)`),
  ],
);

/** Who moved a course from one phase to another, when, and (for `ended`) why. */
export const coursePhaseChanges = pgTable(
  "course_phase_changes",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    courseId: text("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "cascade" }),
    fromPhase: text("from_phase").notNull(),
    toPhase: text("to_phase").notNull(),
    reason: text("reason"),
    byUserId: text("by_user_id").notNull(),
    at: text("at").notNull(),
  },
  (t) => [index("course_phase_changes_course").on(t.courseId, t.id)],
);

/**
 * Session records, append-only: each row is one version of one session (`session_id`); a
 * correction is a new row with the next version, who, when and why. The record (notes included),
 * its flags as computed and the reason for a correction are encrypted.
 */
export const courseSessions = pgTable(
  "course_sessions",
  {
    id: text("id").primaryKey(),
    courseId: text("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "cascade" }),
    sessionId: text("session_id").notNull(),
    version: integer("version").notNull(),
    recordEnc: text("record_enc").notNull(),
    flagsEnc: text("flags_enc").notNull(),
    ruleSetVersion: text("rule_set_version").notNull(),
    recordedAt: text("recorded_at").notNull(),
    recordedBy: text("recorded_by").notNull(),
    /** Why this version corrects the one before; null for the first version. */
    correctionReasonEnc: text("correction_reason_enc"),
  },
  (t) => [uniqueIndex("course_sessions_version").on(t.sessionId, t.version), index("course_sessions_course").on(t.courseId, t.recordedAt), index("course_sessions_per_course").on(t.courseId, t.sessionId)],
);

/**
 * A check-in link. The token is 256 random bits; only its SHA-256 is stored. It works until
 * `expires_at`, is used up by the submission (`used_at`), and ends early after too many wrong dates
 * of birth (`ended_at`).
 */
export const checkinRequests = pgTable(
  "checkin_requests",
  {
    id: text("id").primaryKey(),
    courseId: text("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique(),
    createdBy: text("created_by").notNull(),
    createdAt: text("created_at").notNull(),
    expiresAt: text("expires_at").notNull(),
    emailedAt: text("emailed_at"),
    usedAt: text("used_at"),
    wrongDobTries: integer("wrong_dob_tries").notNull().default(0),
    endedAt: text("ended_at"),
  },
  (t) => [index("checkin_requests_course").on(t.courseId, t.createdAt)],
);

/**
 * A check-in being answered: tied to the client's browser by an HttpOnly cookie token (hashed
 * here), the answers so far encrypted, as intake drafts are. Removed at submission.
 */
export const checkinDrafts = pgTable(
  "checkin_drafts",
  {
    id: text("id").primaryKey(),
    requestId: text("request_id")
      .notNull()
      .unique()
      .references(() => checkinRequests.id, { onDelete: "cascade" }),
    sessionHash: text("session_hash").notNull().unique(),
    stateEnc: text("state_enc").notNull(),
    crisisShown: boolean("crisis_shown").notNull().default(false),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
    expiresAt: text("expires_at").notNull(),
  },
  (t) => [index("checkin_drafts_expires_at").on(t.expiresAt)],
);

/**
 * A submitted check-in: the answers and the flags as computed (encrypted), the rule set that
 * computed them. One per request (the unique request id makes a double submit one check-in). An
 * urgent one waits for a therapist's acknowledgement (who, when).
 */
export const checkins = pgTable(
  "checkins",
  {
    id: text("id").primaryKey(),
    courseId: text("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "cascade" }),
    requestId: text("request_id")
      .notNull()
      .unique()
      .references(() => checkinRequests.id, { onDelete: "cascade" }),
    checkinVersion: text("checkin_version").notNull(),
    answersEnc: text("answers_enc").notNull(),
    flagsEnc: text("flags_enc").notNull(),
    ruleSetVersion: text("rule_set_version").notNull(),
    submittedAt: text("submitted_at").notNull(),
    /** The most severe flag's severity (null: none), for the dashboard, as intakes keep theirs. */
    highestSeverity: text("highest_severity"),
    needsAcknowledgement: boolean("needs_acknowledgement").notNull().default(false),
    acknowledgedAt: text("acknowledged_at"),
    acknowledgedBy: text("acknowledged_by"),
  },
  (t) => [index("checkins_course").on(t.courseId, t.submittedAt), index("checkins_acknowledgement").on(t.needsAcknowledgement, t.submittedAt)],
);

/**
 * Append-only audit trail. Each row's HMAC covers its content and the previous row's HMAC (key in
 * the key directory, not here), so a changed, removed or reordered row breaks the chain. It holds
 * ids, actions and addresses — never answers, contact details or search text — and has no foreign
 * keys, so purging an intake never breaks it.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    seq: integer("seq").primaryKey(),
    at: text("at").notNull(),
    actorUserId: text("actor_user_id"),
    actorEmail: text("actor_email"),
    action: text("action").notNull(),
    intakeId: text("intake_id"),
    ipAddress: text("ip_address"),
    detail: text("detail"),
    prevHmac: text("prev_hmac").notNull(),
    hmac: text("hmac").notNull(),
  },
  (t) => [index("audit_events_at").on(t.at), index("audit_events_action").on(t.action, t.seq), index("audit_events_intake").on(t.intakeId, t.seq)],
);

// ——— Therapist accounts (better-auth, drizzle adapter). Property names are better-auth's field names. ———

// SQLite keeps these as integer milliseconds (drizzle mode "timestamp_ms"); both give the code a Date.
const timestamp = (name: string) => pgTimestamp(name, { mode: "date", withTimezone: true, precision: 3 });

export const users = pgTable("user", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  email: text("email").notNull().unique(),
  emailVerified: boolean("email_verified").notNull().default(false),
  image: text("image"),
  createdAt: timestamp("created_at").notNull(),
  updatedAt: timestamp("updated_at").notNull(),
  twoFactorEnabled: boolean("two_factor_enabled").default(false),
  /** A disabled account cannot sign in; disabling revokes its sessions at once. */
  disabled: boolean("disabled").notNull().default(false),
});

export const sessions = pgTable(
  "session",
  {
    id: text("id").primaryKey(),
    expiresAt: timestamp("expires_at").notNull(),
    token: text("token").notNull().unique(),
    createdAt: timestamp("created_at").notNull(),
    updatedAt: timestamp("updated_at").notNull(),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** Set when the second factor was verified for this session; requireTherapist() insists on it. */
    twoFactorVerifiedAt: timestamp("two_factor_verified_at"),
    /** Last request seen; sessions idle for 30 minutes end. */
    lastActiveAt: timestamp("last_active_at"),
  },
  (t) => [index("session_user").on(t.userId)],
);

export const accounts = pgTable(
  "account",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    providerId: text("provider_id").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    accessToken: text("access_token"),
    refreshToken: text("refresh_token"),
    idToken: text("id_token"),
    accessTokenExpiresAt: timestamp("access_token_expires_at"),
    refreshTokenExpiresAt: timestamp("refresh_token_expires_at"),
    scope: text("scope"),
    password: text("password"),
    createdAt: timestamp("created_at").notNull(),
    updatedAt: timestamp("updated_at").notNull(),
  },
  (t) => [index("account_user").on(t.userId)],
);

export const verifications = pgTable(
  "verification",
  {
    id: text("id").primaryKey(),
    identifier: text("identifier").notNull(),
    value: text("value").notNull(),
    expiresAt: timestamp("expires_at").notNull(),
    createdAt: timestamp("created_at").notNull(),
    updatedAt: timestamp("updated_at").notNull(),
  },
  (t) => [index("verification_identifier").on(t.identifier)],
);

export const twoFactors = pgTable(
  "two_factor",
  {
    id: text("id").primaryKey(),
    secret: text("secret").notNull(),
    backupCodes: text("backup_codes").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    verified: boolean("verified").default(true),
    failedVerificationCount: integer("failed_verification_count").default(0),
    lockedUntil: timestamp("locked_until"),
    /** The TOTP time step (Unix time / 30 s) of the last accepted code: each code works once (ASVS 2.8.4). */
    lastUsedStep: integer("last_used_step"),
  },
  (t) => [index("two_factor_user").on(t.userId), index("two_factor_secret").on(t.secret)],
);

export const rateLimits = pgTable("rate_limit", {
  id: text("id").primaryKey(),
  key: text("key").notNull().unique(),
  count: integer("count").notNull(),
  lastRequest: bigint("last_request", { mode: "number" }).notNull(),
});

// ——— Abuse counters (lib/rate-limit/limiter.ts). PostgreSQL only: SQLite keeps them in a file of
// their own (rate-limits.db, created by the limiter), so instances sharing a PostgreSQL database
// share their counters. Keys are keyed hashes; times are Unix milliseconds. ———

export const rateLimitCounters = pgTable("rate_limit_counters", {
  key: text("key").primaryKey(),
  windowStart: bigint("window_start", { mode: "number" }).notNull(),
  count: bigint("count", { mode: "number" }).notNull(),
  blockedUntil: bigint("blocked_until", { mode: "number" }).notNull().default(0),
  strikes: integer("strikes").notNull().default(0),
  lastStrike: bigint("last_strike", { mode: "number" }).notNull().default(0),
});

export const rateLimitKnownAddresses = pgTable("rate_limit_known_addresses", {
  key: text("key").primaryKey(),
  seenAt: bigint("seen_at", { mode: "number" }).notNull(),
});
