import type { Metadata } from "next";
import { headers } from "next/headers";
import { clientAddress } from "@/lib/auth/client-address";
import { openCheckin } from "@/lib/course-records";
import { LinkUnavailable } from "../_components/link-unavailable";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ token: string }> };

export const metadata: Metadata = { title: "A check-in is waiting" };

/**
 * Opening a check-in link changes nothing (mail scanners and link previews open links): it shows
 * the clinic's name and a Start button, a form POST. Nothing about the client or the treatment.
 */
export default async function CheckinLinkPage({ params }: Props) {
  const { token } = await params;
  const { state, clinicName } = await openCheckin(token, clientAddress(await headers()));
  if (state !== "usable") return <LinkUnavailable state={state} />;
  return (
    <main id="main">
      <h1>{clinicName}</h1>
      <p className="lead">A short check-in is waiting for you. It takes about five minutes.</p>
      <form method="post" action={`/check-in/${encodeURIComponent(token)}/start`}>
        <button type="submit" className="button">
          Start
        </button>
      </form>
    </main>
  );
}
