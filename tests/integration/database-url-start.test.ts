import net from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { closePgDb, getPgDb } from "@/db/pg-client";
import { sql } from "drizzle-orm";
import { ConfigError, resetConfigForTests } from "@/lib/config";
import { createTherapist } from "@/lib/auth/accounts";
import { handleHealth } from "@/lib/server/health";
import { prepareServer } from "@/lib/server/prepare-server";
import { startPostgresCluster, type PostgresCluster } from "@/tests/support/postgres-cluster";

/**
 * Start-up with DATABASE_URL: PostgreSQL reached and migrated, the same steps as on SQLite; a wrong
 * URL or an unreachable server stops the start with a ConfigError naming DATABASE_URL, never the password.
 */

let cluster: PostgresCluster;
beforeAll(async () => {
  cluster = await startPostgresCluster();
}, 60_000);
afterAll(async () => {
  await closePgDb();
  await cluster?.stop();
});
afterEach(async () => {
  await closePgDb();
  delete process.env.DATABASE_URL;
  resetConfigForTests();
});

const useUrl = (url: string) => {
  process.env.DATABASE_URL = url;
  resetConfigForTests();
};

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e as Error,
  );

async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe("starting with DATABASE_URL", () => {
  it("stops when nothing listens there, naming DATABASE_URL and the server, never the password", async () => {
    useUrl(`postgres://intake_app:s3cret-Pa55word@127.0.0.1:${await closedPort()}/intake`);
    const error = await failure(prepareServer(() => {}));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.message).toMatch(/^  - DATABASE_URL: cannot use PostgreSQL at 127\.0\.0\.1:\d+.*connection refused/m);
    expect(error!.message + String(error!.stack)).not.toContain("s3cret-Pa55word");
  });

  it("stops on a wrong password or a database that does not exist", async () => {
    useUrl(cluster.url.replace(`:${cluster.password}@`, ":not-the-Pa55word@"));
    const wrongPassword = await failure(prepareServer(() => {}));
    expect(wrongPassword).toBeInstanceOf(ConfigError);
    expect(wrongPassword!.message).toMatch(/DATABASE_URL: .*wrong user name or password/);
    expect(wrongPassword!.message + String(wrongPassword!.stack)).not.toContain("not-the-Pa55word");
    await closePgDb();

    useUrl(cluster.url.replace(/\/intake$/, "/no_such_db"));
    const noDatabase = await failure(prepareServer(() => {}));
    expect(noDatabase).toBeInstanceOf(ConfigError);
    expect(noDatabase!.message).toMatch(/DATABASE_URL: .*(does not exist|refused the connection)/);
    expect(noDatabase!.message).not.toContain(cluster.password);
  });

  it("migrates PostgreSQL, serves health from it, and gives the first-account hint until an account exists", async () => {
    useUrl(cluster.url);
    const lines: string[] = [];
    await prepareServer((line) => lines.push(line));
    expect(lines).toContain('No therapist account exists yet. Create the first one with: npm run users -- create --email you@clinic.example --name "Your name"');
    const tables = await getPgDb().execute(sql`select count(*)::int as n from information_schema.tables where table_schema = 'public' and table_name in ('intakes', 'audit_events', 'user')`);
    expect(tables.rows[0]).toEqual({ n: 3 });
    expect((await handleHealth()).status).toBe(200);

    await createTherapist({ email: "first@clinic.example", name: "First Therapist", password: "marble orchard quiet 4412 sail" });
    const again: string[] = [];
    await prepareServer((line) => again.push(line)); // a second start: migrations are a no-op
    expect(again.some((l) => l.includes("No therapist account"))).toBe(false);
  });
});
