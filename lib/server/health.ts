import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { currentDialect } from "@/db/dialect";
import { getPgDb } from "@/db/pg-client";

/** GET /api/health — for monitoring: is the database (SQLite, or PostgreSQL with DATABASE_URL) reachable? Says nothing about any intake. */
export async function handleHealth(): Promise<Response> {
  let ok = false;
  try {
    if (currentDialect() === "postgres") ok = (await getPgDb().execute(sql`select 1 as ok`)).rows.length === 1;
    else ok = getDb().$client.prepare("select 1 as ok").get() !== undefined;
  } catch {
    ok = false;
  }
  return new Response(JSON.stringify({ status: ok ? "ok" : "unavailable" }), {
    status: ok ? 200 : 503,
    headers: { "content-type": "application/json", "cache-control": "no-store" },
  });
}
