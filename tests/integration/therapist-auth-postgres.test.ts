import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { closePgDb, migratePostgres } from "@/db/pg-client";
import { verifyAuditEventChain } from "@/db/repositories/audit-events";
import { checkTherapistSession } from "@/lib/auth/require-therapist";
import { revokeOwnSession, setTherapistDisabled } from "@/lib/auth/accounts";
import { resetConfigForTests } from "@/lib/config";
import { reloadKeyMaterial } from "@/lib/crypto/key-material";
import { startPostgresCluster, type PostgresCluster } from "../support/postgres-cluster";
import { cookiesOf, newTherapist, post, signIn } from "../support/therapist-session";

// Issue 14: with DATABASE_URL, better-auth (drizzle adapter, provider "pg") and the app's own account,
// session and second-factor code use PostgreSQL; sign-in goes through the mounted endpoints.
let cluster: PostgresCluster;
let pool: pg.Pool;

beforeAll(async () => {
  cluster = await startPostgresCluster();
  await migratePostgres(cluster.url);
  pool = new pg.Pool({ connectionString: cluster.url, max: 2 });
  process.env.DATABASE_URL = cluster.url;
  resetConfigForTests();
  reloadKeyMaterial();
}, 60_000);

afterAll(async () => {
  await closePgDb();
  await pool?.end();
  delete process.env.DATABASE_URL;
  resetConfigForTests();
  await cluster?.stop();
});

const count = async (table: string, where = "true", values: unknown[] = []) =>
  Number((await pool.query<{ n: string }>(`select count(*) as n from "${table}" where ${where}`, values)).rows[0]!.n);
const actions = async () => (await pool.query<{ action: string }>("select action from audit_events order by seq")).rows.map((r) => r.action);

describe("therapist sign-in on PostgreSQL", () => {
  it("creates the account in PostgreSQL and audits it there", async () => {
    const t = await newTherapist("pg-create");
    expect(await count("user", "email = $1", [t.email])).toBe(1);
    expect(await count("two_factor", "user_id = $1 and verified", [t.userId])).toBe(1);
    expect(await actions()).toContain("account.create");
  });

  it("password then TOTP gives a session checkTherapistSession accepts, and the chain verifies", async () => {
    const t = await newTherapist("pg-signin");
    const headers = await signIn(t);
    const therapist = await checkTherapistSession(headers);
    expect(therapist).toMatchObject({ email: t.email, userId: t.userId });
    if (typeof therapist === "string") throw new Error(therapist);
    const { rows } = await pool.query<{ verified: Date | null }>(`select two_factor_verified_at as verified from "session" where id = $1`, [therapist.sessionId]);
    expect(rows[0]!.verified).toBeInstanceOf(Date);
    expect((await actions()).slice(-2)).toEqual(["sign_in.success", "two_factor.success"]);
    expect(await verifyAuditEventChain()).toMatchObject({ ok: true });

    // Revoking and disabling go through the PostgreSQL transactions with their audit events.
    expect(await revokeOwnSession(therapist, "no-such-session")).toBe(false);
    expect(await revokeOwnSession(therapist, therapist.sessionId)).toBe(true);
    expect(await checkTherapistSession(headers)).toBe("anonymous");
    await setTherapistDisabled(t.email, true);
    expect((await post("/sign-in/email", { email: t.email, password: t.password })).ok).toBe(false);
    await setTherapistDisabled(t.email, false);
    expect((await actions()).filter((a) => ["session.revoke", "account.disable", "account.enable"].includes(a))).toEqual(["session.revoke", "account.disable", "account.enable"]);
    expect(await verifyAuditEventChain()).toMatchObject({ ok: true });
  });

  it("accepts a code once: the same code in a second sign-in is refused", async () => {
    const t = await newTherapist("pg-once");
    const code = await t.code();
    await signIn({ ...t, code: async () => code }, "192.0.2.20");
    const again = await post("/sign-in/email", { email: t.email, password: t.password }, {}, "192.0.2.20");
    expect(again.ok).toBe(true);
    const reused = await post("/two-factor/verify-totp", { code }, { cookie: cookiesOf(again) }, "192.0.2.20");
    expect(reused.status).toBe(401);
    expect(await reused.text()).toContain("CODE_ALREADY_USED");
    expect(await count("session", "user_id = $1 and two_factor_verified_at is not null", [t.userId])).toBe(1);
  });

  it("limits failures per account from unknown addresses, never the therapist's own machine", async () => {
    const t = await newTherapist("pg-limit");
    await signIn(t, "192.0.2.10");
    const statuses: number[] = [];
    // Each guess from a different address: only the per-account counter (in PostgreSQL) can stop them.
    for (let i = 0; i < 12; i++) statuses.push((await post("/sign-in/email", { email: t.email, password: `guess number ${i} wrong` }, {}, `198.51.100.${i + 1}`)).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    const held = await post("/sign-in/email", { email: t.email, password: t.password }, {}, "198.51.100.200");
    expect(held.status).toBe(429);
    expect(await held.text()).toContain("ACCOUNT_RATE_LIMITED");
    await expect(signIn(t, "192.0.2.10")).resolves.toBeInstanceOf(Headers);
    expect(await count("rate_limit_known_addresses")).toBeGreaterThan(0);
  });
});
