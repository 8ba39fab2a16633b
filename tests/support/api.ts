import { handleCreateIntake } from "@/lib/intake/create-intake-handler";

interface PostOptions {
  headers?: Record<string, string>;
  rawBody?: string;
}

/** Calls POST /api/intakes as a server-to-server client would (JSON, no Origin). */
export async function postIntake(body: unknown, options: PostOptions = {}) {
  const request = new Request("http://localhost:3000/api/intakes", {
    method: "POST",
    headers: { "content-type": "application/json", ...options.headers },
    body: options.rawBody ?? JSON.stringify(body),
  });
  const response = await handleCreateIntake(request);
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}
