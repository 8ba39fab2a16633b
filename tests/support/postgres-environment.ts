import { afterAll, beforeAll } from "vitest";
import { closeDb } from "@/db/client";
import { closePgDb, migratePostgres } from "@/db/pg-client";
import { resetConfigForTests } from "@/lib/config";
import { reloadKeyMaterial } from "@/lib/crypto/key-material";
import { startPostgresCluster, type PostgresCluster } from "./postgres-cluster";

/**
 * Setup file of the vitest project "postgres" (vitest.config.ts): runs after
 * isolated-environment.ts, so each test FILE still has its own data and key directories, and adds a
 * throw-away PostgreSQL cluster of its own (tests/support/postgres-cluster.ts), migrated, with
 * DATABASE_URL pointing at it. These hooks are registered before the test file's, so they run
 * first (beforeAll) and last (afterAll): the file's own useMigratedDatabase() and beforeAll see
 * DATABASE_URL already set.
 */
let cluster: PostgresCluster | undefined;

beforeAll(async () => {
  cluster = await startPostgresCluster();
  await migratePostgres(cluster.url);
  process.env.DATABASE_URL = cluster.url;
  resetConfigForTests();
  reloadKeyMaterial();
}, 60_000);

afterAll(async () => {
  await closePgDb();
  closeDb();
  delete process.env.DATABASE_URL;
  resetConfigForTests();
  await cluster?.stop();
  cluster = undefined;
});
