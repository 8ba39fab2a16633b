import "server-only";
import { getDb } from "@/db/client";

/** GET /api/health — for monitoring: is the database reachable? Says nothing about any intake. */
export function handleHealth(): Response {
  let ok = false;
  try {
    ok = getDb().$client.prepare("select 1 as ok").get() !== undefined;
  } catch {
    ok = false;
  }
  return new Response(JSON.stringify({ status: ok ? "ok" : "unavailable" }), {
    status: ok ? 200 : 503,
    headers: { "content-type": "application/json", "cache-control": "no-store" },
  });
}
