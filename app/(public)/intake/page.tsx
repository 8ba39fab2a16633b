import { redirect } from "next/navigation";
import { currentDraft } from "@/lib/intake-wizard/draft-cookie";
import { resumeStepOf } from "@/lib/intake-wizard/draft-service";
import { stepPath } from "@/lib/intake-wizard/steps";

export const dynamic = "force-dynamic";

/** /intake: continue where this browser's draft left off, or start with consent. */
export default async function IntakeStart() {
  const draft = await currentDraft();
  if (!draft) redirect(stepPath("consent"));
  if (draft.intakeId) redirect("/intake/sent");
  redirect(stepPath(resumeStepOf(draft)));
}
