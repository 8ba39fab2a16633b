import type { Metadata } from "next";
import { getConfig } from "@/lib/config";
import { requireTherapist } from "@/lib/auth/require-therapist";
import { listOwnSessions } from "@/lib/auth/accounts";
import { TherapistHeader } from "../../_components/therapist-header";
import { formatInstant } from "../../_components/format";
import { ChangePasswordForm, ReenrolTwoFactor, RevokeSessionButton } from "./settings-forms";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Settings – Therapist review" };

export default async function SettingsPage() {
  const therapist = await requireTherapist();
  const config = getConfig();
  const sessions = await listOwnSessions(therapist.userId);
  return (
    <>
      <TherapistHeader therapist={therapist} current="settings" />
      <main id="main">
        <h1>Settings</h1>
        <p>
          Signed in as {therapist.name} ({therapist.email}).
        </p>

        <section aria-labelledby="password-heading">
          <h2 id="password-heading">Change your password</h2>
          <ChangePasswordForm />
        </section>

        <section aria-labelledby="twofactor-heading">
          <h2 id="twofactor-heading">Move two-factor authentication to a new app or phone</h2>
          <ReenrolTwoFactor />
        </section>

        <section aria-labelledby="sessions-heading">
          <h2 id="sessions-heading">Where you are signed in</h2>
          <ul className="sessions">
            {sessions.map((s) => (
              <li key={s.id}>
                <p>
                  <strong>{s.id === therapist.sessionId ? "This browser" : "Another browser"}</strong> — signed in{" "}
                  {formatInstant(s.createdAt.toISOString(), config.timeZone)}
                  {s.lastActiveAt ? `, last active ${formatInstant(s.lastActiveAt.toISOString(), config.timeZone)}` : ""}
                  {s.ipAddress ? `, from ${s.ipAddress}` : ""}
                </p>
                {s.userAgent && <p className="hint">{s.userAgent.slice(0, 160)}</p>}
                {s.id !== therapist.sessionId && <RevokeSessionButton sessionId={s.id} />}
              </li>
            ))}
          </ul>
        </section>
      </main>
    </>
  );
}
