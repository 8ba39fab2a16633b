import { redirect } from "next/navigation";
import { currentDraft, draftCookieOpensNothing } from "@/lib/intake-wizard/draft-cookie";
import { endedPath } from "@/lib/intake-wizard/ended";
import { resumeStepOf } from "@/lib/intake-wizard/draft-service";
import { stepPath } from "@/lib/intake-wizard/steps";

export const dynamic = "force-dynamic";

/** /intake: continue where this browser's draft left off, say why it cannot, or start with consent. */
export default async function IntakeStart() {
  const draft = await currentDraft();
  if (!draft) redirect((await draftCookieOpensNothing()) ? endedPath("elsewhere") : stepPath("consent"));
  if (draft.intakeId) redirect("/intake/sent");
  redirect(stepPath(resumeStepOf(draft)));
}
