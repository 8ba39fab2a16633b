import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { webHeadersOf, writeReply } from "@/lib/http/node-reply";
import { sendCheckinReply } from "./send-checkin-reply";

/**
 * POST /check-in/send straight on node:http in production, as POST /api/intakes is (ADR 020): the
 * same reply as the route, without Next's pipeline. The send reads no body; whatever came is discarded.
 */
export async function serveSendCheckin(req: IncomingMessage, res: ServerResponse, securityHeaders: Record<string, string>): Promise<void> {
  req.resume();
  writeReply(res, await sendCheckinReply(webHeadersOf(req)), securityHeaders);
}
