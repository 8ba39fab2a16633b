import "server-only";
import { serveCreateIntake } from "@/lib/intake/create-intake-node";

/**
 * The routes scripts/http-server.mjs serves itself in production, before Next: registered from
 * instrumentation.ts (inside Next's bundle, so there is one copy of the database, keys and config
 * in the process). Until this has run, every request goes through Next as before.
 */
export const FAST_PATHS = Symbol.for("ketamine-intake.fast-paths");

export interface FastPaths {
  createIntake: typeof serveCreateIntake;
}

export function registerFastPaths(): void {
  (globalThis as unknown as Record<symbol, FastPaths>)[FAST_PATHS] = { createIntake: serveCreateIntake };
}
