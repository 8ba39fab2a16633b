import { afterAll, beforeAll } from "vitest";
import { closeDb, getDb, migrateDatabase } from "@/db/client";
import { resetConfigForTests } from "@/lib/config";
import { resetKeyMaterialForTests } from "@/lib/crypto/key-material";

/** A freshly migrated database for the current test file. */
export function useMigratedDatabase(): void {
  beforeAll(() => {
    resetConfigForTests();
    resetKeyMaterialForTests();
    migrateDatabase(getDb());
  });
  afterAll(() => closeDb());
}
