import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createIntakeReply } from "./create-intake-handler";

/**
 * POST /api/intakes straight on node:http (scripts/http-server.mjs takes it before Next in
 * production): the same submit path as the route handler, without the framework's routing, web
 * streams and response compression, which cost more than the intake's own parse, assess, encrypt
 * and insert (bench row 3; issue 20). `securityHeaders` are the ones next.config.js gives the route.
 */
export async function serveCreateIntake(req: IncomingMessage, res: ServerResponse, securityHeaders: Record<string, string>): Promise<void> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  const reply = await createIntakeReply({
    headers,
    url: `http://${req.headers.host ?? "localhost"}${req.url ?? "/"}`,
    readBody: (limit) => readNodeBody(req, limit),
  });
  res.writeHead(reply.status, { ...securityHeaders, ...reply.headers, "content-length": String(Buffer.byteLength(reply.body)) });
  res.end(reply.body);
}

/** At most `limit` bytes of the body; null (and the rest left unread) when it is larger. */
function readNodeBody(req: IncomingMessage, limit: number): Promise<Uint8Array | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > limit) {
        cleanup();
        req.resume();
        resolve(null);
      } else chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const cleanup = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
      req.off("aborted", onAborted);
    };
    const onAborted = () => onError(new Error("The request was aborted"));
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
    req.on("aborted", onAborted);
  });
}
