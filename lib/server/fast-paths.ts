import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { serveCreateIntake } from "@/lib/intake/create-intake-node";
import { serveSendCheckin } from "@/lib/checkin-flow/send-checkin-node";
import { CHECKIN_SEND_PATH } from "@/lib/checkin-flow/send-state";

/**
 * The routes scripts/http-server.mjs serves itself in production, before Next (ADR 020): the two
 * writes every client depends on. Registered from instrumentation.ts (inside Next's bundle, so
 * there is one copy of the database, keys and config in the process). Until this has run, every
 * request goes through Next as before; Next's own routes for them stay for development and tests.
 */
export const FAST_PATHS = Symbol.for("ketamine-intake.fast-paths");

export type FastPath = (req: IncomingMessage, res: ServerResponse, securityHeaders: Record<string, string>) => Promise<void>;

/** Keyed by "METHOD path" exactly as scripts/http-server.mjs looks them up (no query string). */
export function registerFastPaths(): void {
  const paths: Record<string, FastPath> = { "POST /api/intakes": serveCreateIntake, [`POST ${CHECKIN_SEND_PATH}`]: serveSendCheckin };
  (globalThis as unknown as Record<symbol, Record<string, FastPath>>)[FAST_PATHS] = paths;
}
