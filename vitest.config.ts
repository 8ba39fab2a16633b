import fs from "node:fs";
import path from "node:path";
import { defineConfig } from "vitest/config";

/**
 * Two projects (issue 14: "the integration suite runs on both databases"):
 *
 * - "sqlite": every unit and integration test, on the default embedded SQLite file, as always.
 * - "postgres": the integration tests that exercise the app through its own API (routes, server
 *   actions, feature functions, repositories, better-auth, the CLIs) a second time with
 *   DATABASE_URL set, each test FILE on a throw-away PostgreSQL cluster of its own, started,
 *   migrated and stopped by tests/support/postgres-environment.ts. Their direct reads of the
 *   database go through tests/support/either-database.ts; the few single tests that are about
 *   SQLite itself skip themselves on PostgreSQL, saying why.
 *
 * Every file in tests/integration is named below, in one list or the other (checked at load).
 */
const BOTH = [
  "abuse-limits", // submission limits through POST /api/intakes; the limiter on PostgreSQL
  "account-cli", // npm run users / audit verify as child processes (they inherit DATABASE_URL)
  "assess-cli",
  "demo-cli", // npm run demo as a child process (it inherits DATABASE_URL)
  "client-data", // export, deletion with basis, retention purge
  "csv-exports", // the CSV routes with a real session; the 100,000-row streaming bound (no database) runs on both too
  "course-records", // courses, phases, session versions, the timeline
  "checkin-send", // the check-in send's JSON route: Next's adapter and the node:http fast path answer alike
  "course-checkins", // check-in links, date-of-birth tries, drafts, submission, urgent flags, export/deletion
  "draft-limits", // the draft flood's disk bound skips itself on PostgreSQL (MVCC, see the test)
  "drafts",
  "interruption",
  "first-account-hint",
  "intake-api", // the SQLite file/WAL canary scan skips itself on PostgreSQL
  "intake-api-fuzz",
  "key-rotation", // npm run keys -- rotate / retire as a child process
  "review-queue",
  "second-factor-attacks", // SQLite's migration 0006 test skips itself on PostgreSQL
  "server-process", // the built server as a child process
  "stored-assessments",
  "therapist-auth",
  "urgent-notification",
  "resume-email",
  "fhir-routes", // the QuestionnaireResponse download: a stored intake, a session, the audit chain
  "progress-pdf-route", // the course progress PDF's route: session, origin, the letter's fields, its audit event
  "clinic-report", // the outcome report's facts from real records, encrypted at rest, backfill, audit
  "storage-outage-forms", // the wizard's send, the check-in's send and the session form meeting a storage fault (injected at the repository)
];

/** Run once, on SQLite (their own PostgreSQL clusters where they have one), with the reason. */
const SQLITE_ONLY: Record<string, string> = {
  "native-sqlite": "about the better-sqlite3 binding itself",
  "migration-0003": "SQLite's migration 0003 on a hand-made old SQLite schema",
  "schema-parity": "compares the SQLite and PostgreSQL schemas; starts its own cluster",
  "backup-restore": "the SQLite online backup of the data directory (PostgreSQL: backup-restore-postgres)",
  "backup-restore-postgres": "already PostgreSQL: its own cluster, and a SQLite backup refused by it",
  "audit-anchor": "appends in SQLite transactions (getDb().transaction, appendAuditEvent(tx)) and edits the SQLite file with better-sqlite3 (PostgreSQL: audit-pg)",
  "audit-pg": "already PostgreSQL, own cluster",
  "database-url-start": "already PostgreSQL, own cluster",
  "maintenance-pg": "already PostgreSQL, own cluster",
  "postgres-cluster": "tests the throw-away cluster helper itself",
  "postgres-connection": "already PostgreSQL, own cluster",
  "rate-limit-postgres": "already PostgreSQL, own cluster",
  "repositories-both": "already runs each case on both dialects, own cluster",
  "therapist-auth-postgres": "already PostgreSQL, own cluster",
  "server-start-once":
    "counts fake timers after register(): on PostgreSQL pg.Pool's idle-connection timer is one more (2 after register, 1 after closePgDb), so 'one retention timer' cannot be asserted as is; start-up on PostgreSQL: database-url-start",
  "landing-page": "renders a page; no database",
  "assess-course-cli": "a pure CLI over canonical course JSON; no database",
  "pdf-documents": "renders PDFs from parsed intakes; no database",
  "intake-api-fast-path": "the node:http adapter against the route handler; the submit path itself runs on both in intake-api",
  "progress-pdf": "renders the progress summary PDF from a fictional course; no database (the route on both: progress-pdf-route)",
};

const file = (name: string) => `tests/integration/${name}.test.ts`;
const integrationDir = path.join(import.meta.dirname, "tests", "integration");
const unclassified = fs
  .readdirSync(integrationDir)
  .filter((f) => f.endsWith(".test.ts"))
  .map((f) => f.slice(0, -".test.ts".length))
  .filter((name) => BOTH.includes(name) === (name in SQLITE_ONLY));
if (unclassified.length > 0)
  throw new Error(`vitest.config.ts: name each of ${unclassified.join(", ")} in exactly one of BOTH and SQLITE_ONLY`);

const setupFiles = ["tests/support/isolated-environment.ts"];

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // `server-only` throws outside Next's server bundles; tests import server modules directly.
      "server-only": path.resolve(import.meta.dirname, "tests/support/empty-module.ts"),
    },
  },
  test: {
    pool: "threads",
    maxWorkers: 2,
    testTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: { name: "sqlite", include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"], setupFiles },
      },
      {
        extends: true,
        test: {
          name: "postgres",
          include: BOTH.map(file),
          setupFiles: [...setupFiles, "tests/support/postgres-environment.ts"],
          // A PostgreSQL server per worker beside the tests: under a full run on 2 cores, therapist-auth's
          // scrypt hashes plus a wait for a fresh TOTP step went past 30 s once (70 s for the file, 31 s alone).
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
