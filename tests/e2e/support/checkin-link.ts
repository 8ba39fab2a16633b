import { spawnSync } from "node:child_process";
import Database from "better-sqlite3";
import pg from "pg";
import { BASE_URL } from "./browser";
import { fullIntakeV2 } from "../../fixtures/intakes";

/**
 * A client with an open course and a fresh check-in link: an intake sent through the API, then
 * (checkin-seed.ts, a child process on the server's database and keys) its consult booked, a
 * course started and a link created with lib/course-records, as the therapist's pages do.
 */
export async function createCheckinLink(answers: Record<string, unknown> = {}): Promise<{ intakeId: string; courseId: string; token: string; path: string }> {
  // Each client is a new one (one open course per client): a fresh e-mail address.
  const email = `checkin-${Math.random().toString(36).slice(2, 10)}@example.org`;
  const response = await fetch(`${BASE_URL}/api/intakes`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(fullIntakeV2({ email, ...answers }, { submittedAt: undefined })),
  });
  if (response.status !== 201) throw new Error(`intake not stored: ${response.status} ${await response.text()}`);
  const intakeId = ((await response.json()) as { id: string }).id;
  const result = spawnSync(process.execPath, ["bin/run.mjs", "tests/e2e/support/checkin-seed.ts", intakeId], {
    encoding: "utf8",
    env: { ...process.env, DATABASE_PATH: process.env.E2E_DATABASE_PATH, KEYS_DIR: process.env.E2E_KEYS_DIR },
  });
  if (result.status !== 0) throw new Error(`checkin-seed failed: ${result.stderr}`);
  const { courseId, token } = JSON.parse(result.stdout.trim().split("\n").at(-1)!) as { courseId: string; token: string };
  return { intakeId, courseId, token, path: `/check-in/${token}` };
}

/** Stored check-ins of a course (a plain column: the answers are encrypted anyway), on SQLite or, with DATABASE_URL, PostgreSQL. */
export async function countCheckins(courseId: string): Promise<number> {
  if (process.env.DATABASE_URL) {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      return Number((await client.query<{ n: string }>("select count(*) as n from checkins where course_id = $1", [courseId])).rows[0]!.n);
    } finally {
      await client.end();
    }
  }
  const db = new Database(process.env.E2E_DATABASE_PATH!, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare("select count(*) as n from checkins where course_id = ?").get(courseId) as { n: number }).n;
  } finally {
    db.close();
  }
}
