import "server-only";

/**
 * DATABASE_URL (postgres://user:password@host:port/database) carries a password, so nothing that
 * reaches a log, a terminal or an error page may quote it whole: messages use `describeDatabaseUrl`
 * (host, port, database, user) and any foreign text goes through `scrubPassword` first.
 */

export const DATABASE_URL_PROTOCOLS = ["postgres:", "postgresql:"] as const;

export interface DatabaseUrlParts {
  host: string;
  port: string;
  database: string;
  user: string;
  password: string;
}

/** The parts of a postgres URL, or undefined when it is not one (wrong scheme or unparseable). */
export function parseDatabaseUrl(url: string): DatabaseUrlParts | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (!(DATABASE_URL_PROTOCOLS as readonly string[]).includes(parsed.protocol)) return undefined;
  // A unix socket directory may come as ?host=/run/postgresql (libpq's convention) with no host part.
  const host = parsed.hostname || parsed.searchParams.get("host") || "localhost";
  return {
    host,
    port: parsed.port || parsed.searchParams.get("port") || "5432",
    database: decodeURIComponent(parsed.pathname.replace(/^\//, "")) || decodeURIComponent(parsed.username) || "postgres",
    user: decodeURIComponent(parsed.username),
    password: safeDecode(parsed.password),
  };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** "host:port, database intake, user intake_app" — what an operator needs to find the server, no secret. */
export function describeDatabaseUrl(url: string): string {
  const parts = parseDatabaseUrl(url);
  if (!parts) return "an unrecognised URL";
  return `${parts.host}:${parts.port}, database ${parts.database}${parts.user ? `, user ${parts.user}` : ""}`;
}

/** The URL with its password replaced by `***` (for an operator who wants to see the whole URL). */
export function redactDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    // Unparseable: still never echo what sits between "user:" and "@".
    return url.replace(/\/\/([^:/@]*):[^@]*@/, "//$1:***@");
  }
}

/** Removes the URL's password (as written, and URL-decoded) and the URL itself from foreign text. */
export function scrubPassword(text: string, url: string): string {
  let out = text.split(url).join(redactDatabaseUrl(url));
  const raw = /\/\/[^:/@]*:([^@]*)@/.exec(url)?.[1];
  for (const secret of new Set([raw, raw === undefined ? undefined : safeDecode(raw)])) {
    if (secret) out = out.split(secret).join("***");
  }
  return out;
}
