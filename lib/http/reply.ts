/** What a JSON endpoint answers, before it becomes a web Response (Next) or a node:http reply (the fast paths). */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function jsonReply(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return { status, headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers }, body: JSON.stringify(body) };
}

/** The same reply for Next's route handlers. */
export const toResponse = (reply: Reply) => new Response(reply.body, { status: reply.status, headers: reply.headers });
