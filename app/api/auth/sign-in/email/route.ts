import { handleAuthEndpoint } from "@/lib/auth/auth-endpoints";

export const dynamic = "force-dynamic";

/** Password step of sign-in (better-auth, through the app's strict wrapper). */
export async function POST(request: Request): Promise<Response> {
  return handleAuthEndpoint("/sign-in/email", request);
}
