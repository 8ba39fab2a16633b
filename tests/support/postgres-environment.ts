import { usePostgresDatabase } from "./postgres-database";

/**
 * Setup file of the vitest project "postgres" (vitest.config.ts): runs after
 * isolated-environment.ts, so each test FILE still has its own data and key directories, and adds a
 * throw-away PostgreSQL cluster of its own (tests/support/postgres-cluster.ts), migrated, with
 * DATABASE_URL pointing at it. These hooks are registered before the test file's, so they run
 * first (beforeAll) and last (afterAll): the file's own useMigratedDatabase() and beforeAll see
 * DATABASE_URL already set.
 */
usePostgresDatabase();
