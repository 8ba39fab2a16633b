import "server-only";
import { getConfig } from "@/lib/config";

/**
 * Which database serves this call: PostgreSQL when DATABASE_URL is set, else the embedded SQLite
 * file. Decided at call time (not at import), so tests and tools can switch by resetting config.
 */
export type Dialect = "sqlite" | "postgres";

export const currentDialect = (): Dialect => (getConfig().databaseUrl ? "postgres" : "sqlite");

/** Picks the implementation for the current dialect; both are typed against one interface. */
export function byDialect<T>(implementations: Record<Dialect, T>): T {
  return implementations[currentDialect()];
}
