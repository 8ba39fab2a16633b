import "server-only";

/**
 * Server log lines for operators. They carry an event name and the error's class and code only:
 * never answers, contact details or free text (an error message can quote a value).
 */
export function logServerError(event: string, error: unknown): void {
  const e = error as { name?: unknown; code?: unknown; cause?: { code?: unknown } | null } | null;
  const token = (v: unknown) => (typeof v === "string" && /^[A-Za-z0-9_]{1,64}$/.test(v) ? v : undefined);
  // drizzle wraps the driver's error (DrizzleQueryError, whose message quotes the query's parameters): its code is on the cause.
  const code = token(e?.code) ?? token(e?.cause?.code);
  console.error(JSON.stringify({ level: "error", event, error: token(e?.name) ?? typeof error, code, at: new Date().toISOString() }));
}
