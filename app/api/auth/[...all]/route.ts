import { getAuth } from "@/lib/auth/auth";

export const dynamic = "force-dynamic";

/** better-auth's endpoints (sign-in, second factor); sign-up is disabled in its configuration. */
export async function GET(request: Request): Promise<Response> {
  return getAuth().handler(request);
}

export async function POST(request: Request): Promise<Response> {
  return getAuth().handler(request);
}
