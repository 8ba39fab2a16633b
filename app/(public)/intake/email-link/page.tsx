import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getConfig } from "@/lib/config";
import { currentDraft } from "@/lib/intake-wizard/draft-cookie";
import { resumeLinkByEmail } from "@/lib/intake-wizard/draft-service";
import { lifetimeInWords, RESUME_LINK_LIFETIME_MS } from "@/lib/lifetimes";
import { EmailLinkForm } from "./email-link-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Get your link by e-mail – Intake" };

/** Offered only when the link can be e-mailed and this browser has an unsent draft. */
export default async function EmailLinkPage() {
  const config = getConfig();
  const draft = await currentDraft();
  if (!resumeLinkByEmail(config) || !draft || draft.intakeId) redirect("/intake");
  return (
    <main id="main">
      <EmailLinkForm
        clinicName={config.clinicName}
        lifetime={lifetimeInWords(RESUME_LINK_LIFETIME_MS)}
      />
    </main>
  );
}
