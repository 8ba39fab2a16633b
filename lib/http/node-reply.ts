import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Reply } from "./reply";

/**
 * node:http glue for the fast paths scripts/http-server.mjs serves before Next in production
 * (lib/server/fast-paths.ts): the request's headers as web Headers, and a Reply written with the
 * security headers next.config.js gives Next's responses.
 */
export function webHeadersOf(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  return headers;
}

export function writeReply(res: ServerResponse, reply: Reply, securityHeaders: Record<string, string>): void {
  // A body refused for its size is left unread: the connection closes after the reply instead of draining it.
  const close = reply.status === 413 ? { connection: "close" } : {};
  res.writeHead(reply.status, { ...securityHeaders, ...reply.headers, ...close, "content-length": String(Buffer.byteLength(reply.body)) });
  res.end(reply.body);
}

/** At most `limit` bytes of the body; null (and the rest left unread) when it is larger. */
export function readNodeBody(req: IncomingMessage, limit: number): Promise<Uint8Array | null> {
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
