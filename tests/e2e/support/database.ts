import Database from "better-sqlite3";

/** Reads the test server's database (row counts only: the values are encrypted anyway). */
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
