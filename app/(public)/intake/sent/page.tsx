import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getConfig } from "@/lib/config";
import { currentDraft } from "@/lib/intake-wizard/draft-cookie";
import { referenceOfIntake } from "@/lib/intake-wizard/draft-service";
import { CrisisNumbersPanel } from "@/app/_components/crisis-numbers";
import { forgetIntakeAction } from "../actions";
import { ContactClinic } from "@/app/_components/clinic-contact";
import { countryOf } from "@/lib/questionnaire/countries";
import { CLIENT_COPY_LIFETIME_MS, lifetimeInWords } from "@/lib/lifetimes";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Your answers have been sent – Intake" };

/** Confirmation: the reference code, what happens next and when, and the crisis numbers. */
export default async function SentPage() {
  const draft = await currentDraft();
  const reference = draft?.intakeId ? await referenceOfIntake(draft.intakeId) : undefined;
  if (!draft || !reference) redirect("/intake");
  const config = getConfig();
  const country = countryOf(draft.state.answers);
  const copyUntil =
    draft.copyExpiresAt && draft.copyExpiresAt > new Date().toISOString()
      ? new Intl.DateTimeFormat("en-CA", { timeZone: config.timeZone, hour: "numeric", minute: "2-digit" }).format(new Date(draft.copyExpiresAt))
      : undefined;
  return (
    <main id="main">
      <div className="confirmation-panel">
        <h1>Your answers have been sent</h1>
        <p>
          Your reference
          <br />
          <strong className="reference">{reference}</strong>
        </p>
      </div>
      <p>Write the reference down or take a screenshot. Quote it if you contact the clinic about your intake.</p>
      <ContactClinic lead="To ask about your intake, or to change an answer," clinicName={config.clinicName} contact={config.clinicContact} />

      <h2>A copy of your answers</h2>
      {copyUntil ? (
        <>
          <p>
            <a href="/api/intake-copy" download>
              Download a copy of my answers (PDF)
            </a>
          </p>
          <p className="hint">
            The download works from this browser only, until {copyUntil} ({lifetimeInWords(CLIENT_COPY_LIFETIME_MS)} after sending), a few times. After that it is gone; ask the
            clinic if you need a copy later.
          </p>
        </>
      ) : (
        <p>The download of your copy has ended: it is available for {lifetimeInWords(CLIENT_COPY_LIFETIME_MS)} after sending. You can ask the clinic for a copy.</p>
      )}

      <h2>What happens next</h2>
      <ol>
        <li>The psychotherapist who works with {config.clinicName} reads your answers {config.reviewWindow}.</li>
        <li>The clinic then contacts you the way you asked, to arrange your first consultation.</li>
        <li>At the consultation you talk through your questions together. Nothing is decided before then.</li>
      </ol>

      <CrisisNumbersPanel numbers={config.crisisNumbers} country={country} reviewWindow={config.reviewWindow} />

      <h2>Using a shared device?</h2>
      <p>Your answers are not stored in this browser. To leave nothing behind, you can forget this intake on this device.</p>
      <form action={forgetIntakeAction}>
        <button type="submit" className="button-secondary">
          Forget this intake on this device
        </button>
      </form>
    </main>
  );
}
