import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { describe, expect, it } from "vitest";
import { MIGRATIONS_FOLDER, openDatabase } from "@/db/client";

/** Upgrading a database from before therapist accounts keeps every intake and its search tokens. */
describe("migration 0003 (therapists, new workflow)", () => {
  it("keeps name tokens, maps old statuses and sets the queue sort keys", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "migrate-"));
    const old = path.join(dir, "migrations");
    fs.cpSync(MIGRATIONS_FOLDER, old, { recursive: true });
    const journal = JSON.parse(fs.readFileSync(path.join(old, "meta", "_journal.json"), "utf8"));
    journal.entries = journal.entries.slice(0, 3);
    fs.writeFileSync(path.join(old, "meta", "_journal.json"), JSON.stringify(journal));

    const sqlite = openDatabase(path.join(dir, "intake.db"));
    const db = drizzle(sqlite);
    migrate(db, { migrationsFolder: old });
    const insert = sqlite.prepare(
      `insert into intakes (id, reference_index, reference_enc, questionnaire_id, questionnaire_version, received_at, submitted_at, reference_date, status, contact_enc, answers_enc, email_index, triage, urgent)
       values (?, ?, 'x', 'q', '1', ?, ?, '2026-11-01', ?, 'x', 'x', 'e', ?, ?)`,
    );
    insert.run("a", "ra", "2026-11-01T00:00:00Z", "2026-11-01T00:00:00Z", "declined", "urgent", 1);
    insert.run("b", "rb", "2026-11-02T00:00:00Z", "2026-11-02T00:00:00Z", "closed", "needs_clearance", 0);
    insert.run("c", "rc", "2026-11-03T00:00:00Z", "2026-11-03T00:00:00Z", "in_review", "proceed", 0);
    sqlite.prepare("insert into intake_name_tokens (intake_id, token) values ('a', 't1'), ('a', 't2'), ('b', 't3')").run();

    migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    expect(sqlite.prepare("select intake_id, token from intake_name_tokens order by token").all()).toEqual([
      { intake_id: "a", token: "t1" },
      { intake_id: "a", token: "t2" },
      { intake_id: "b", token: "t3" },
    ]);
    expect(sqlite.prepare("select id, status, needs_acknowledgement, triage_rank from intakes order by id").all()).toEqual([
      { id: "a", status: "not_suitable", needs_acknowledgement: 1, triage_rank: 4 },
      { id: "b", status: "archived", needs_acknowledgement: 0, triage_rank: 2 },
      { id: "c", status: "in_review", needs_acknowledgement: 0, triage_rank: 0 },
    ]);
    expect(() => sqlite.prepare("update intakes set status = 'declined' where id = 'c'").run()).toThrow(/CHECK constraint/);
    expect(sqlite.pragma("foreign_key_check")).toEqual([]);
    sqlite.close();
  });
});
