import { handleAuthEndpoint } from "@/lib/auth/auth-endpoints";

export const dynamic = "force-dynamic";

/** Second step of sign-in: the TOTP code (better-auth, through the app's strict wrapper). */
export async function POST(request: Request): Promise<Response> {
  return handleAuthEndpoint("/two-factor/verify-totp", request);
}
