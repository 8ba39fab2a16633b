import "server-only";
import { ConfigError, getConfig } from "@/lib/config";
import { closeDb, getDb, migrateDatabase } from "@/db/client";
import { checkPostgres, closePgDb, migratePostgres, PostgresConnectionError } from "@/db/pg-client";

/**
 * The database this process uses, reachable and migrated: PostgreSQL when DATABASE_URL is set
 * (connect once with a short timeout, then db/migrations-pg), else the SQLite file (created and
 * migrated). A PostgreSQL that cannot be used is a ConfigError naming DATABASE_URL, host and port,
 * never the password. Shared by start-up and the CLIs.
 */
export async function prepareDatabase(): Promise<void> {
  const url = getConfig().databaseUrl;
  if (!url) {
    migrateDatabase(getDb());
    return;
  }
  try {
    await checkPostgres(url);
    await migratePostgres(url);
  } catch (error) {
    if (error instanceof PostgresConnectionError) throw new ConfigError([error.message]);
    throw error;
  }
}

/** Closes whichever connections this process opened (the SQLite handle, the PostgreSQL pool). */
export async function closeDatabases(): Promise<void> {
  closeDb();
  await closePgDb();
}
