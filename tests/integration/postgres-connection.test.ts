import net from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkPostgres, createPostgres, migratePostgres, PostgresConnectionError } from "@/db/pg-client";
import { rateLimits, users } from "@/db/schema-pg";
import { startPostgresCluster, type PostgresCluster } from "@/tests/support/postgres-cluster";

async function unusedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function failure(promise: Promise<unknown>): Promise<PostgresConnectionError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PostgresConnectionError);
  return error as PostgresConnectionError;
}

describe("PostgreSQL connection (DATABASE_URL) against a throw-away cluster", () => {
  let cluster: PostgresCluster;
  beforeAll(async () => {
    cluster = await startPostgresCluster();
  }, 60_000);
  afterAll(async () => cluster?.stop());

  it("connects with the right URL", async () => {
    await expect(checkPostgres(cluster.url)).resolves.toBeUndefined();
  });

  it("names DATABASE_URL, host and port when nothing listens there, without the password", async () => {
    const port = await unusedPort();
    const url = cluster.url.replace(`:${cluster.port}/`, `:${port}/`);
    const error = await failure(checkPostgres(url, 2000));
    expect(error.message).toBe(`DATABASE_URL: cannot use PostgreSQL at 127.0.0.1:${port}, database intake, user intake_app: nothing is listening there (connection refused)`);
    expect(`${error.message}${error.stack}`).not.toContain(cluster.password);
  });

  it("names DATABASE_URL when the server refuses the credentials, without either password", async () => {
    const wrong = "Wr0ng-passw0rd";
    const error = await failure(checkPostgres(cluster.url.replace(cluster.password, wrong)));
    expect(error.message).toBe(
      `DATABASE_URL: cannot use PostgreSQL at 127.0.0.1:${cluster.port}, database intake, user intake_app: the server refused the credentials (wrong user name or password)`,
    );
    expect(`${error.message}${error.stack}`).not.toContain(wrong);
    expect(`${error.message}${error.stack}`).not.toContain(cluster.password);
  });

  it("names a database that does not exist", async () => {
    const error = await failure(checkPostgres(cluster.url.replace(/\/intake$/, "/nope")));
    expect(error.message).toMatch(/database nope, user intake_app: (the database does not exist|the server refused the connection)/);
  });

  it("migrates (twice, idempotently) and gives drizzle the same JS values as SQLite: Date timestamps, booleans, numbers", async () => {
    await migratePostgres(cluster.url);
    await migratePostgres(cluster.url);
    const { db, close } = createPostgres(cluster.url, { max: 2 });
    try {
      const now = new Date("2026-03-01T12:34:56.789Z");
      await db.insert(users).values({ id: "u1", name: "Therapist", email: "t@example.org", createdAt: now, updatedAt: now });
      const [user] = await db.select().from(users).where(eq(users.id, "u1"));
      expect(user).toMatchObject({ createdAt: now, emailVerified: false, disabled: false, twoFactorEnabled: false });
      expect(user!.createdAt).toBeInstanceOf(Date);
      const lastRequest = now.getTime();
      await db.insert(rateLimits).values({ id: "r1", key: "k", count: 1, lastRequest });
      const [limit] = await db.select().from(rateLimits);
      expect(limit).toEqual({ id: "r1", key: "k", count: 1, lastRequest });
    } finally {
      await close();
    }
  });
});
