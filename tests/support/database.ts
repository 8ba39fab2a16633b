import { afterAll, beforeAll } from "vitest";
import { closeDb, getDb, migrateDatabase } from "@/db/client";
import { currentDialect } from "@/db/dialect";
import { resetConfigForTests } from "@/lib/config";
import { reloadKeyMaterial } from "@/lib/crypto/key-material";

/**
 * A freshly migrated database for the current test file. On SQLite, the file under DATABASE_PATH;
 * in the vitest project "postgres", tests/support/postgres-environment.ts has already started and
 * migrated this file's own cluster (DATABASE_URL), so only config and keys are reloaded here.
 */
export function useMigratedDatabase(): void {
  beforeAll(() => {
    resetConfigForTests();
    reloadKeyMaterial();
    if (currentDialect() === "sqlite") migrateDatabase(getDb());
  });
  afterAll(() => closeDb());
}
