import { afterAll, beforeAll } from "vitest";
import { closeDb, getDb, migrateDatabase } from "@/db/client";
import { resetConfigForTests } from "@/lib/config";
import { reloadKeyMaterial } from "@/lib/crypto/key-material";

/** A freshly migrated database for the current test file. */
export function useMigratedDatabase(): void {
  beforeAll(() => {
    resetConfigForTests();
    reloadKeyMaterial();
    migrateDatabase(getDb());
  });
  afterAll(() => closeDb());
}
