import "server-only";

/**
 * Server log lines for operators. They carry an event name and the error's class and code only:
 * never answers, contact details or free text (an error message can quote a value).
 */
export function logServerError(event: string, error: unknown): void {
  const e = error as { name?: string; code?: string };
  console.error(JSON.stringify({ level: "error", event, error: e?.name ?? typeof error, code: e?.code, at: new Date().toISOString() }));
}

export function logServerInfo(event: string, fields: Record<string, string | number | boolean> = {}): void {
  console.log(JSON.stringify({ level: "info", event, ...fields, at: new Date().toISOString() }));
}
