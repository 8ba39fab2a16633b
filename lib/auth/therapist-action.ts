import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { z } from "zod";
import { ReviewConflict } from "@/lib/review/workflow";
import { AccountError } from "./accounts";
import { checkTherapistSession, type Therapist } from "./require-therapist";
import { isSameOrigin } from "./same-origin";

export type ActionResult<T = undefined> = { ok: true; data?: T; message?: string } | { ok: false; error: string; field?: string };

/**
 * The one way to write a therapist server action: same-origin check, session check (a redirect to
 * sign-in when it fails), input parsed with zod (the first problem named), then the action.
 * Expected refusals (a workflow conflict, a wrong password) come back as messages.
 */
export function therapistAction<S extends z.ZodType, T = undefined>(
  schema: S,
  run: (input: z.infer<S>, therapist: Therapist) => Promise<ActionResult<T> | void> | ActionResult<T> | void,
): (input: unknown) => Promise<ActionResult<T>> {
  return async (input) => {
    const requestHeaders = await headers();
    if (!isSameOrigin(requestHeaders)) return { ok: false, error: "This request did not come from this site and was refused." };
    const therapist = await checkTherapistSession(requestHeaders);
    if (typeof therapist === "string") redirect("/login");
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return { ok: false, field: issue.path.join("."), error: issue.message };
    }
    try {
      return (await run(parsed.data, therapist)) ?? { ok: true };
    } catch (error) {
      if (error instanceof ReviewConflict || error instanceof AccountError) return { ok: false, error: error.message };
      throw error;
    }
  };
}
