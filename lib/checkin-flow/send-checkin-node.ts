import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { webHeadersOf, writeReply } from "@/lib/http/node-reply";
import { sendCheckinReply } from "./send-checkin-reply";

/**
 * POST /check-in/send straight on node:http in production, as POST /api/intakes is (ADR 020): the
 * same reply as the route, without Next's pipeline. The send reads no body; a small one is discarded.
 */
export async function serveSendCheckin(req: IncomingMessage, res: ServerResponse, securityHeaders: Record<string, string>): Promise<void> {
  const reply = await sendCheckinReply(webHeadersOf(req));
  if (reply.status !== 413) req.resume(); // an oversized body is not read: that reply closes the connection
  writeReply(res, reply, securityHeaders);
}
