import { getConfig } from "@/lib/config";
import type { LinkState } from "@/lib/course-records";
import { CrisisNumbersPanel } from "@/app/_components/crisis-numbers";
import { CHECKIN_NOT_MONITORED } from "@/lib/checkin-flow/send-state";
import { ContactClinic } from "@/app/_components/clinic-contact";

export type UnavailableState = Exclude<LinkState, "usable">;

const WHAT_HAPPENED: Record<UnavailableState, { title: string; text: (hours: number) => string }> = {
  unknown: { title: "This check-in link does not work", text: () => "The link may be incomplete: check that you opened or copied all of it." },
  expired: { title: "This check-in link has expired", text: (hours) => `Check-in links work for ${hours} hours after the clinic sends them.` },
  used: { title: "This check-in has already been sent", text: () => "Each check-in link works for one check-in, and this one has been sent. There is nothing more to do." },
  ended: {
    title: "This check-in link has been closed",
    text: () => "The date of birth was entered wrongly five times, so the link was closed to protect your answers.",
  },
};

/** What happened to a link that cannot be used, whom to contact, and the crisis numbers (always there). */
export function LinkUnavailable({ state }: { state: UnavailableState }) {
  const config = getConfig();
  const what = WHAT_HAPPENED[state];
  return (
    <main id="main">
      <h1>{what.title}</h1>
      <p className="lead">{what.text(config.checkinLinkHours)}</p>
      {state !== "used" && <p>{config.clinicName} can send you a new link.</p>}
      <ContactClinic lead={state === "used" ? "If you want to add or change something," : "For a new link,"} clinicName={config.clinicName} contact={config.clinicContact} />
      <CrisisNumbersPanel numbers={config.crisisNumbers} reviewWindow={config.reviewWindow} notMonitored={CHECKIN_NOT_MONITORED} />
    </main>
  );
}
