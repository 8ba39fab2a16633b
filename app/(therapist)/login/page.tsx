import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { countTherapists } from "@/lib/auth/accounts";
import { checkTherapistSession } from "@/lib/auth/require-therapist";
import { LoginForm } from "./login-form";
import { lifetimeInWords, SESSION_IDLE_TIMEOUT_MS, SESSION_MAX_AGE_MS } from "@/lib/lifetimes";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in – Therapist review" };

const ENDED: Record<string, string> = {
  idle: `You were signed out after ${lifetimeInWords(SESSION_IDLE_TIMEOUT_MS)} without activity.`,
  too_old: `You were signed out because sessions last at most ${lifetimeInWords(SESSION_MAX_AGE_MS)}.`,
  disabled: "This account is disabled.",
  two_factor_pending: "Finish signing in with a code from your authenticator app.",
  signed_out: "You are signed out.",
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function LoginPage({ searchParams }: Props) {
  if (typeof (await checkTherapistSession(await headers())) !== "string") redirect("/dashboard");
  const ended = (await searchParams).ended;
  const notice = typeof ended === "string" ? ENDED[ended] : undefined;
  const noAccounts = (await countTherapists()) === 0;
  return (
    <main id="main">
      <h1>Sign in to review intakes</h1>
      {notice && (
        <div className="panel" role="status">
          <p>{notice}</p>
        </div>
      )}
      {noAccounts ? (
        <div className="panel">
          <h2>No therapist account exists yet</h2>
          <p>Create the first one on the server, in the app&apos;s folder:</p>
          <pre className="code">npm run users -- create --email you@clinic.example --name &quot;Your name&quot;</pre>
          <p>It asks for a password and prints a line starting with otpauth:// to add to an authenticator app. Then come back here.</p>
        </div>
      ) : (
        <LoginForm />
      )}
    </main>
  );
}
