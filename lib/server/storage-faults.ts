import "server-only";
import { logServerError } from "@/lib/server/log";

/**
 * Storage faults a server meets and recovers from without a restart (issue 20): the disk holding
 * the database is full (SQLite's SQLITE_FULL, PostgreSQL's 53100 disk_full), or the database is
 * not reachable (PostgreSQL restarting or down, SQLite locked or failing to read/write). A write
 * that meets one is answered 503 with Retry-After and a plain message instead of a 500, and the
 * process remembers the fault so GET /api/health can say why it is unavailable (a reason code,
 * never anything about an intake). The next successful write clears it; so does time, so a
 * health check that keeps a load balancer away cannot keep it away for ever.
 */

export type StorageFault = "storage_full" | "database_unavailable";

/** What a client is told to wait before retrying (seconds): space is freed by a person, a restart takes seconds. */
export const RETRY_AFTER_SECONDS: Readonly<Record<StorageFault, number>> = { storage_full: 30, database_unavailable: 5 };

/** Said to the client; nothing from the request or the error. */
export const FAULT_MESSAGES: Readonly<Record<StorageFault, string>> = {
  storage_full: "The clinic's server has run out of storage space, so this could not be stored. Nothing was saved; please try again later.",
  database_unavailable: "The clinic's database cannot be reached just now. Nothing was saved; please try again in a moment.",
};

const SQLITE_UNAVAILABLE = /^SQLITE_(IOERR|BUSY|LOCKED|CANTOPEN|READONLY)/;
// pg's own messages when the server goes away mid-query or cannot be reached (no SQLSTATE on these).
const PG_CONNECTION_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|the database system is (starting up|shutting down)/i;
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENOTFOUND", "EAI_AGAIN"]);

function classifyOne(error: unknown): StorageFault | undefined {
  const e = error as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === "string" ? e.code : "";
  if (code === "SQLITE_FULL" || code === "53100" || code === "ENOSPC") return "storage_full";
  if (SQLITE_UNAVAILABLE.test(code) || NETWORK_CODES.has(code)) return "database_unavailable";
  // 08: connection exception; 57P01-03: admin shutdown, crash shutdown, cannot connect now; 53300 too many connections.
  if (/^08/.test(code) || /^57P0[1-3]$/.test(code) || code === "53300") return "database_unavailable";
  if (typeof e?.message === "string" && PG_CONNECTION_MESSAGES.test(e.message)) return "database_unavailable";
  return undefined;
}

/** The fault behind an error, looking through wrappers (drizzle's DrizzleQueryError keeps the driver's error as `cause`). */
export function storageFaultOf(error: unknown): StorageFault | undefined {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const fault = classifyOne(e);
    if (fault) return fault;
  }
  return undefined;
}

const holder = globalThis as unknown as { __storageFault?: { fault: StorageFault; at: number } };

export function noteStorageFault(fault: StorageFault, now = Date.now()): void {
  holder.__storageFault = { fault, at: now };
}

/** A write succeeded: whatever was wrong is not wrong now. */
export function noteStorageWrite(): void {
  delete holder.__storageFault;
}

/** The fault seen by the last failed write, while it is recent (within its Retry-After) and no write has succeeded since. */
export function currentStorageFault(now = Date.now()): StorageFault | undefined {
  const seen = holder.__storageFault;
  if (!seen) return undefined;
  if (now - seen.at > RETRY_AFTER_SECONDS[seen.fault] * 1000) {
    delete holder.__storageFault;
    return undefined;
  }
  return seen.fault;
}

/** Classifies and records an error; the fault when it is one (the caller answers 503), else undefined (a 500). */
export function recordIfStorageFault(error: unknown): StorageFault | undefined {
  const fault = storageFaultOf(error);
  if (fault) noteStorageFault(fault);
  return fault;
}

/**
 * What a person sees when a form's save met any failure (a storage fault above, or anything else
 * that rolled the transaction back): nothing was stored, the page and the draft still hold what
 * they typed. The wizard's send, the check-in's send and the therapist's forms all show this.
 */
export const NOT_SAVED_KEPT_MESSAGE = "Nothing was saved just now. Please try again in a moment; your answers are kept.";

/** A form's save failed: logged by class and code only (lib/server/log), and remembered for /api/health when it is a storage fault. */
export function noteFailedSave(event: string, error: unknown): StorageFault | undefined {
  logServerError(event, error);
  return recordIfStorageFault(error);
}
