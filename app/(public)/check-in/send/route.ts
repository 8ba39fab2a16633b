import { sendCheckinReply } from "@/lib/checkin-flow/send-checkin-reply";
import { toResponse } from "@/lib/http/reply";

export const dynamic = "force-dynamic";

/** The check-in's send from the review page's script (lib/checkin-flow/send-checkin-reply.ts). */
export async function POST(request: Request): Promise<Response> {
  return toResponse(await sendCheckinReply(request.headers));
}
