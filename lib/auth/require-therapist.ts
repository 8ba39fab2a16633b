import "server-only";
import { headers as requestHeaders } from "next/headers";
import { redirect } from "next/navigation";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { sessions, users } from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit/audit-log";
import { getAuth, SESSION_MAX_AGE_S } from "./auth";
import { clientAddress } from "./client-address";
import { SESSION_IDLE_TIMEOUT_MS } from "@/lib/lifetimes";

/** A signed-in therapist whose session passed every check. */
export interface Therapist {
  userId: string;
  email: string;
  name: string;
  sessionId: string;
  ipAddress: string | null;
}

const ACTIVITY_WRITE_INTERVAL_MS = 15 * 1000;

type SessionRejection = "anonymous" | "two_factor_pending" | "disabled" | "idle" | "too_old";

/**
 * Checks the therapist session of a request: it must exist, have passed the second factor, belong
 * to an enabled account, be younger than SESSION_MAX_AGE_MS and have been used within SESSION_IDLE_TIMEOUT_MS.
 * A session that fails the age checks is deleted at once.
 */
export async function checkTherapistSession(headers: Headers, now = new Date()): Promise<Therapist | SessionRejection> {
  const found = await getAuth().api.getSession({ headers, query: { disableCookieCache: true } });
  if (!found) return "anonymous";
  const db = getDb();
  const row = db
    .select({ id: sessions.id, createdAt: sessions.createdAt, verifiedAt: sessions.twoFactorVerifiedAt, lastActiveAt: sessions.lastActiveAt, disabled: users.disabled, twoFactorEnabled: users.twoFactorEnabled })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, found.session.id))
    .get();
  if (!row) return "anonymous";
  if (row.disabled) {
    db.delete(sessions).where(eq(sessions.userId, found.user.id)).run();
    return "disabled";
  }
  if (!row.verifiedAt || !row.twoFactorEnabled) return "two_factor_pending";
  const ipAddress = clientAddress(headers);
  const lastActive = row.lastActiveAt ?? row.verifiedAt;
  const tooOld = now.getTime() - row.createdAt.getTime() > SESSION_MAX_AGE_S * 1000;
  const idle = now.getTime() - lastActive.getTime() > SESSION_IDLE_TIMEOUT_MS;
  if (tooOld || idle) {
    db.delete(sessions).where(eq(sessions.id, row.id)).run();
    await recordAuditEvent({ action: "session.expired", actorUserId: found.user.id, actorEmail: found.user.email, ipAddress, detail: { reason: tooOld ? "too_old" : "idle" } });
    return tooOld ? "too_old" : "idle";
  }
  if (now.getTime() - lastActive.getTime() > ACTIVITY_WRITE_INTERVAL_MS)
    db.update(sessions).set({ lastActiveAt: now }).where(and(eq(sessions.id, row.id))).run();
  return { userId: found.user.id, email: found.user.email, name: found.user.name, sessionId: row.id, ipAddress };
}

/** For pages: the therapist, or a redirect to the sign-in page. */
export async function requireTherapist(): Promise<Therapist> {
  const result = await checkTherapistSession(await requestHeaders());
  if (typeof result === "string") redirect(result === "anonymous" ? "/login" : `/login?ended=${result}`);
  return result;
}

/** For route handlers: the therapist, or a 401 response with no detail. */
export async function requireTherapistForApi(request: Request): Promise<Therapist | Response> {
  const result = await checkTherapistSession(request.headers);
  if (typeof result !== "string") return result;
  return new Response(JSON.stringify({ errors: [{ item: "$", message: "Sign in to continue" }] }), {
    status: 401,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" },
  });
}
