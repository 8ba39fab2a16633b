import { redirect } from "next/navigation";
import { currentDraft } from "@/lib/drafts/draft-cookie";
import { resumeStepOf } from "@/lib/drafts/draft-service";
import { stepPath } from "@/lib/drafts/intake-steps";

export const dynamic = "force-dynamic";

/** /intake: continue where this browser's draft left off, or start with consent. */
export default async function IntakeStart() {
  const draft = await currentDraft();
  if (!draft) redirect(stepPath("consent"));
  if (draft.intakeId) redirect("/intake/sent");
  redirect(stepPath(resumeStepOf(draft)));
}
