import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { currentDialect } from "@/db/dialect";
import { getPgDb } from "@/db/pg-client";
import { currentStorageFault, RETRY_AFTER_SECONDS, storageFaultOf, type StorageFault } from "./storage-faults";

/**
 * GET /api/health — for monitoring: is the database (SQLite, or PostgreSQL with DATABASE_URL)
 * reachable, and can it store? 200 {"status":"ok"}, or 503 {"status":"unavailable","reason":…}
 * with Retry-After, the reason a code from lib/server/storage-faults.ts: "storage_full" (a recent
 * write met a full disk; a read still works, so only the write path knows) or
 * "database_unavailable". Says nothing about any intake.
 */
export async function handleHealth(): Promise<Response> {
  let reason: StorageFault | undefined;
  try {
    const ok =
      currentDialect() === "postgres"
        ? (await getPgDb().execute(sql`select 1 as ok`)).rows.length === 1
        : getDb().$client.prepare("select 1 as ok").get() !== undefined;
    if (!ok) reason = "database_unavailable";
  } catch (error) {
    reason = storageFaultOf(error) ?? "database_unavailable";
  }
  reason ??= currentStorageFault();
  const headers: Record<string, string> = { "content-type": "application/json", "cache-control": "no-store" };
  if (reason) headers["retry-after"] = String(RETRY_AFTER_SECONDS[reason]);
  return new Response(JSON.stringify(reason ? { status: "unavailable", reason } : { status: "ok" }), { status: reason ? 503 : 200, headers });
}
