import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { getConfig } from "@/lib/config";
import { isAllowedOrigin } from "@/lib/auth/same-origin";
import { readLimited } from "@/lib/http/read-limited";
import { jsonReply, toResponse, type Reply } from "@/lib/http/reply";
import type { Issue } from "@/lib/questionnaire";
import { logServerError } from "@/lib/server/log";
import { FAULT_MESSAGES, noteStorageWrite, recordIfStorageFault, RETRY_AFTER_SECONDS } from "@/lib/server/storage-faults";
import { clientAddress } from "@/lib/auth/client-address";
import { consumeSubmission, submitIntake } from "./submit-intake";

/** The largest intake body accepted; a full intake with every free-text field at its limit fits. */
export const MAX_BODY_BYTES = 64 * 1024;

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

const problem = (status: number, item: string, message: string, headers?: Record<string, string>) =>
  jsonReply(status, { errors: [{ item, message }] satisfies Issue[] }, headers);

function isJsonContentType(value: string | null): boolean {
  if (!value) return false;
  const type = value.split(";")[0]!.trim().toLowerCase();
  return type === "application/json" || /^application\/[a-z0-9.+-]+\+json$/.test(type);
}

function safeEqual(a: string, b: string): boolean {
  const ha = createHash("sha256").update(a).digest();
  const hb = createHash("sha256").update(b).digest();
  return timingSafeEqual(ha, hb);
}


/** The request as the submit path reads it, from either server. */
export interface IntakeRequest {
  headers: Headers;
  url: string;
  /** At most `limit` bytes of the body; null when it is larger; throws when it cannot be read. */
  readBody(limit: number): Promise<Uint8Array | null>;
}

/** POST /api/intakes in Next's route handler (development, and any request the fast path does not take). */
export async function handleCreateIntake(request: Request): Promise<Response> {
  return toResponse(await createIntakeReply({ headers: request.headers, url: request.url, readBody: (limit) => readLimited(request, limit) }));
}

/**
 * POST /api/intakes — stores one intake in the canonical JSON form (clinic-website integrations
 * and imports). Every refusal names the item at fault; nothing is stored unless all is valid.
 */
export async function createIntakeReply(request: IntakeRequest): Promise<Reply> {
  const receivedAt = new Date();
  const config = getConfig();

  const origin = request.headers.get("origin");
  if (origin !== null && !isAllowedOrigin(origin, request.headers, request.url))
    return problem(403, "$", "Requests from other websites are not accepted");

  const authorization = request.headers.get("authorization");
  let policy: "recent" | "any_past" = "recent";
  if (authorization !== null) {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization.trim())?.[1];
    if (!config.intakeApiKey || !token || !safeEqual(token, config.intakeApiKey))
      return problem(401, "$", "The integration key is not valid", { "www-authenticate": "Bearer" });
    policy = "any_past";
  } else {
    // Integrations with the key send for many clients from one address; everyone else is limited per address.
    // The counter is a database write too: a full disk or an unreachable database is a 503 here as well.
    let limited;
    try {
      limited = await consumeSubmission(clientAddress(request.headers));
    } catch (error) {
      return storageFailure(error);
    }
    if (!limited.allowed)
      return problem(429, "$", "Too many intakes from this address. Nothing was stored; try again later.", { "retry-after": String(limited.retryAfter) });
  }

  if (!isJsonContentType(request.headers.get("content-type")))
    return problem(415, "$", "Send the intake as JSON with Content-Type: application/json");

  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) return problem(413, "$", `The body must be at most ${MAX_BODY_BYTES} bytes`);
  const bytes = await request.readBody(MAX_BODY_BYTES).catch(() => undefined);
  if (bytes === undefined) return problem(400, "$", "The body could not be read");
  if (bytes === null) return problem(413, "$", `The body must be at most ${MAX_BODY_BYTES} bytes`);

  let body: unknown;
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    body = JSON.parse(text);
  } catch {
    return problem(400, "$", "The body is not valid UTF-8 JSON");
  }

  const idempotencyKey = request.headers.get("idempotency-key") ?? undefined;
  if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey))
    return problem(400, "$", "The Idempotency-Key header must be 1 to 255 visible ASCII characters");

  try {
    const result = await submitIntake(body, {
      receivedAt,
      submittedAtPolicy: policy,
      idempotencyKey,
      requestDigest: idempotencyKey ? createHash("sha256").update(text).digest("base64url") : undefined,
    });
    if (result.outcome === "invalid") return jsonReply(400, { errors: result.errors });
    if (result.outcome === "idempotency_conflict")
      return problem(409, "$", "This Idempotency-Key was already used for a different intake");
    noteStorageWrite();
    return jsonReply(
      201,
      { id: result.intake.id, reference: result.intake.reference, warnings: result.warnings },
      result.replayed ? { "idempotent-replayed": "true" } : {},
    );
  } catch (error) {
    return storageFailure(error);
  }
}

/**
 * A store that failed: 503 with Retry-After and a plain message when the disk is full or the
 * database is unreachable (lib/server/storage-faults.ts; nothing was committed, a retry is safe),
 * else 500. Either way the log line carries the error's class and code only.
 */
function storageFailure(error: unknown): Reply {
  logServerError("intake.store_failed", error);
  const fault = recordIfStorageFault(error);
  if (fault) return problem(503, "$", FAULT_MESSAGES[fault], { "retry-after": String(RETRY_AFTER_SECONDS[fault]) });
  return problem(500, "$", "The intake could not be stored. Nothing was saved; please try again.");
}
