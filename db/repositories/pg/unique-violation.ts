import "server-only";

/**
 * Whether a PostgreSQL error (as node-postgres raises it, or wrapped by drizzle in a
 * DrizzleQueryError's `cause`) is a unique_violation (SQLSTATE 23505) of the named constraint.
 */
export function isPgUniqueViolation(error: unknown, constraint: string): boolean {
  for (let e = error as { code?: unknown; constraint?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    if (e.code === "23505") return e.constraint === constraint;
  }
  return false;
}
