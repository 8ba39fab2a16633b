import type { Metadata } from "next";
import { headers } from "next/headers";
import { clientAddress } from "@/lib/auth/client-address";
import { MAX_DOB_TRIES, openCheckin } from "@/lib/course-records";
import { LinkUnavailable } from "../../_components/link-unavailable";
import { DateOfBirthForm, type DateOfBirthProblem } from "../../_components/date-of-birth-form";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ token: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const query = await searchParams;
  return { title: `${query.left || query.error ? "Error: " : ""}Confirm your date of birth` };
}

/**
 * Before any question: the client's date of birth. The form posts to ./start (a route handler, so
 * a refusal for too many attempts is a real 429); a wrong or incomplete date comes back here with
 * only what to say about it in the address (how many tries are left), never the date typed.
 */
export default async function DateOfBirthPage({ params, searchParams }: Props) {
  const { token } = await params;
  const query = await searchParams;
  const { state, clinicName } = await openCheckin(token, clientAddress(await headers()));
  if (state !== "usable") return <LinkUnavailable state={state} />;
  const left = Number(query.left);
  const problem: DateOfBirthProblem | undefined =
    Number.isInteger(left) && left >= 1 && left < MAX_DOB_TRIES ? { kind: "wrong", triesLeft: left } : query.error === "invalid" ? { kind: "invalid" } : undefined;
  return <DateOfBirthForm action={`/check-in/${encodeURIComponent(token)}/start`} clinicName={clinicName} problem={problem} />;
}
