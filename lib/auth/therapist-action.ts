import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { z } from "zod";
import { ReviewConflict } from "@/lib/review/workflow";
import { CourseConflict, CourseInputError, type FieldProblem } from "@/lib/course-records/errors";
import { NOT_SAVED_KEPT_MESSAGE, noteFailedSave, noteStorageWrite } from "@/lib/server/storage-faults";
import { AccountError } from "./accounts";
import { checkTherapistSession, type Therapist } from "./require-therapist";
import { isSameOrigin } from "./same-origin";

/** A refusal names its first field in `field`; `problems` (course forms) names every field that did not validate. */
export type ActionResult<T = undefined> = { ok: true; data?: T; message?: string } | { ok: false; error: string; field?: string; problems?: readonly FieldProblem[] };

/**
 * The one way to write a therapist server action: same-origin check, session check (a redirect to
 * sign-in when it fails), input parsed with zod (the first problem named), then the action.
 * Expected refusals (a workflow or course conflict, a wrong password, course input naming its
 * fields) come back as messages, and so does a storage fault (lib/server/storage-faults.ts).
 */
export function therapistAction<S extends z.ZodType, T = undefined>(
  schema: S,
  run: (input: z.infer<S>, therapist: Therapist) => Promise<ActionResult<T> | void> | ActionResult<T> | void,
): (input: unknown) => Promise<ActionResult<T>> {
  return async (input) => {
    const requestHeaders = await headers();
    if (!isSameOrigin(requestHeaders)) return { ok: false, error: "This request did not come from this site and was refused." };
    let therapist: Awaited<ReturnType<typeof checkTherapistSession>>;
    try {
      therapist = await checkTherapistSession(requestHeaders);
    } catch (error) {
      // The session check reads (and may touch) the database: an outage there is the same plain message, not an error page.
      if (noteFailedSave("therapist.session_check_failed", error)) return { ok: false, error: NOT_SAVED_KEPT_MESSAGE };
      throw error;
    }
    if (typeof therapist === "string") redirect("/login");
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return { ok: false, field: issue.path.join("."), error: issue.message };
    }
    try {
      const result = (await run(parsed.data, therapist)) ?? { ok: true };
      if (result.ok) noteStorageWrite();
      return result;
    } catch (error) {
      if (error instanceof ReviewConflict || error instanceof AccountError || error instanceof CourseConflict) return { ok: false, error: error.message };
      if (error instanceof CourseInputError)
        return { ok: false, field: error.problems[0]?.field, error: error.problems[0]?.message ?? "Check the form", problems: error.problems };
      // A full disk or an unreachable database rolled the change back: said plainly, the form keeps what was typed.
      if (noteFailedSave("therapist.action_failed", error)) return { ok: false, error: NOT_SAVED_KEPT_MESSAGE };
      throw error;
    }
  };
}
