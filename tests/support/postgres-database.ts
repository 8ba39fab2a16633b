import { afterAll, beforeAll } from "vitest";
import { closeDb } from "@/db/client";
import { closePgDb, migratePostgres } from "@/db/pg-client";
import { forgetAnchorStateForTests } from "@/lib/audit/audit-anchor";
import { resetConfigForTests } from "@/lib/config";
import { reloadKeyMaterial } from "@/lib/crypto/key-material";
import { startPostgresCluster, type PostgresCluster } from "./postgres-cluster";

/**
 * A throw-away PostgreSQL cluster for the current test file, migrated, with DATABASE_URL pointing at
 * it (config and keys reloaded, the process's audit-anchor state forgotten), closed and removed after
 * the file. Returns the running cluster.
 */
export function usePostgresDatabase(): () => PostgresCluster {
  let cluster: PostgresCluster | undefined;
  beforeAll(async () => {
    cluster = await startPostgresCluster();
    await migratePostgres(cluster.url);
    process.env.DATABASE_URL = cluster.url;
    resetConfigForTests();
    reloadKeyMaterial();
    forgetAnchorStateForTests();
  }, 90_000);
  afterAll(async () => {
    await closePgDb();
    closeDb();
    delete process.env.DATABASE_URL;
    resetConfigForTests();
    forgetAnchorStateForTests();
    await cluster?.stop();
    cluster = undefined;
  });
  return () => {
    if (!cluster) throw new Error("the PostgreSQL cluster is not running (use it inside a test or hook)");
    return cluster;
  };
}
