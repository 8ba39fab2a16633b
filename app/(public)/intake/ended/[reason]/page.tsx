import type { Metadata } from "next";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { getConfig } from "@/lib/config";
import { currentDraft } from "@/lib/intake-wizard/draft-cookie";
import { DRAFT_LIFETIME_MS, lifetimeInWords, RESUME_LINK_LIFETIME_MS } from "@/lib/lifetimes";
import { ENDED_REASONS, type EndedReason } from "@/lib/intake-wizard/ended";
import { CrisisNumbersPanel } from "@/app/_components/crisis-numbers";
import { ContactClinic } from "@/app/_components/clinic-contact";
import { startAgainAction } from "../../actions";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ reason: string }> };

const TITLES: Record<EndedReason, string> = {
  forgotten: "This intake has been forgotten on this device",
  "link-used": "This link cannot be used any more",
  elsewhere: "Your intake is no longer open in this browser",
};

const isReason = (r: string): r is EndedReason => (ENDED_REASONS as readonly string[]).includes(r);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { reason } = await params;
  return isReason(reason) ? { title: `${TITLES[reason]} – Intake` } : {};
}

/**
 * Where forgetting an intake, a used or expired resume link, and a draft continued on another
 * device end: what happened and what to do next, instead of a blank first step.
 */
export default async function EndedPage({ params }: Props) {
  const { reason } = await params;
  if (!isReason(reason)) notFound();
  const config = getConfig();
  // A used link opened in a browser that has another intake open must not offer to throw that one away.
  const open = reason === "link-used" ? await currentDraft() : undefined;
  const startAgain = (
    <form action={startAgainAction}>
      <button type="submit" className="button">
        Start a new intake
      </button>
    </form>
  );
  const sentAlready = <p>If you have already sent your answers, you do not need to do anything: the clinic has them.</p>;

  let body: ReactNode;
  if (reason === "forgotten")
    body = (
      <>
        <p className="lead">Nothing about your intake is left in this browser. If you are on a shared device, you can close this window now.</p>
        <p>The answers you sent are not affected: {config.clinicName} has them and will read them {config.reviewWindow}.</p>
        <ContactClinic lead="To ask about your intake, to get a copy or to withdraw it," clinicName={config.clinicName} contact={config.clinicContact} />
        <p>
          <a href="/">Go to the start page</a>
        </p>
      </>
    );
  else if (reason === "link-used")
    body = (
      <>
        <p className="lead">
          Each link to come back later works once, for {lifetimeInWords(RESUME_LINK_LIFETIME_MS)} after it was given. This one has been used already (perhaps on
          another device), or it has expired.
        </p>
        <h2>What you can do</h2>
        <p>If you continued your intake on another device, carry on there.</p>
        {sentAlready}
        {open && !open.intakeId ? (
          <p>
            <a href="/intake" className="button">
              Continue the intake open in this browser
            </a>
          </p>
        ) : (
          <>
            <p>Otherwise, start again. We are sorry you have to answer the questions again.</p>
            {startAgain}
          </>
        )}
        <ContactClinic lead="If you would rather do the intake by phone, or need help," clinicName={config.clinicName} contact={config.clinicContact} />
      </>
    );
  else
    body = (
      <>
        <p className="lead">
          This happens when the intake was continued on another device with its link to come back later, or when nothing was saved for{" "}
          {lifetimeInWords(DRAFT_LIFETIME_MS)} and the unfinished intake was deleted.
        </p>
        <h2>What you can do</h2>
        <p>If you continued your intake on another device, carry on there.</p>
        {sentAlready}
        <p>Otherwise, start again. We are sorry you have to answer the questions again.</p>
        {startAgain}
        <ContactClinic lead="If you would rather do the intake by phone, or need help," clinicName={config.clinicName} contact={config.clinicContact} />
      </>
    );

  return (
    <main id="main">
      <h1>{TITLES[reason]}</h1>
      {body}
      <CrisisNumbersPanel numbers={config.crisisNumbers} reviewWindow={config.reviewWindow} />
    </main>
  );
}
