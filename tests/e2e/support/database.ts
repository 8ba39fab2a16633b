import Database from "better-sqlite3";

/** Reads the test server's database (row counts and plain columns only: the values are encrypted anyway). */
export function countRows(table: "intakes" | "drafts"): number {
  const file = process.env.E2E_DATABASE_PATH;
  if (!file) throw new Error("E2E_DATABASE_PATH is not set; run the browser tests with npm run test:e2e");
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** The plain (unencrypted) version columns of one stored intake: the questionnaire it answered and the rule set that assessed it. */
export function storedVersions(intakeId: string): { questionnaireVersion: string; ruleSetVersion: string | null } | undefined {
  const file = process.env.E2E_DATABASE_PATH;
  if (!file) throw new Error("E2E_DATABASE_PATH is not set; run the browser tests with npm run test:e2e");
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare("select questionnaire_version as questionnaireVersion, rule_set_version as ruleSetVersion from intakes where id = ?").get(intakeId) as
      | { questionnaireVersion: string; ruleSetVersion: string | null }
      | undefined;
  } finally {
    db.close();
  }
}
