import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { readNodeBody, webHeadersOf, writeReply } from "@/lib/http/node-reply";
import { createIntakeReply } from "./create-intake-handler";

/**
 * POST /api/intakes straight on node:http (scripts/http-server.mjs takes it before Next in
 * production): the same submit path as the route handler, without the framework's routing, web
 * streams and response compression, which cost more than the intake's own parse, assess, encrypt
 * and insert (bench row 3; issue 20). `securityHeaders` are the ones next.config.js gives the route.
 */
export async function serveCreateIntake(req: IncomingMessage, res: ServerResponse, securityHeaders: Record<string, string>): Promise<void> {
  const reply = await createIntakeReply({
    headers: webHeadersOf(req),
    url: `http://${req.headers.host ?? "localhost"}${req.url ?? "/"}`,
    readBody: (limit) => readNodeBody(req, limit),
  });
  writeReply(res, reply, securityHeaders);
}
