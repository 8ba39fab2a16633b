import fs from "node:fs";
import net from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPostgresCluster, type PostgresCluster } from "@/tests/support/postgres-cluster";

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });

describe("throw-away PostgreSQL cluster (test harness)", () => {
  let cluster: PostgresCluster;
  beforeAll(async () => {
    cluster = await startPostgresCluster();
  }, 60_000);
  afterAll(async () => cluster?.stop());

  it("serves the app's database to a least-privilege role over TCP with a password", async () => {
    const client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ db: string; usr: string; superuser: boolean; createrole: boolean; createdb: boolean; collate: string }>(
        `select current_database() as db, current_user as usr, r.rolsuper as superuser, r.rolcreaterole as createrole, r.rolcreatedb as createdb,
                (select datcollate from pg_database where datname = current_database()) as collate
           from pg_roles r where r.rolname = current_user`,
      );
      expect(rows[0]).toEqual({ db: "intake", usr: "intake_app", superuser: false, createrole: false, createdb: false, collate: "C" });
      // It owns its database, so it can create the schema (the migrations run as this role).
      await client.query("create table harness_probe (id integer primary key)");
      await client.query("drop table harness_probe");
    } finally {
      await client.end();
    }
  });

  it("refuses a wrong password", async () => {
    const client = new pg.Client({ connectionString: cluster.url.replace(cluster.password, "wrong") });
    await expect(client.connect()).rejects.toThrow(/password authentication failed/);
  });

  it("stop() ends the server and removes its directory", async () => {
    const extra = await startPostgresCluster();
    expect(await portOpen(extra.port)).toBe(true);
    await extra.stop();
    expect(await portOpen(extra.port)).toBe(false);
    expect(fs.existsSync(extra.dataDir)).toBe(false);
  }, 60_000);
});
