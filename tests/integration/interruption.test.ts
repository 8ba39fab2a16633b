import { describe, expect, it, vi } from "vitest";
import { findDraftBySession, saveDraft } from "@/lib/intake-wizard/drafts";
import { passInterruption } from "@/lib/intake-wizard/draft-service";
import { sectionById } from "@/lib/questionnaire";
import { toFormValues } from "@/lib/intake-wizard/form-values";
import { saveStepAction } from "@/app/(public)/intake/actions";
import { useMigratedDatabase } from "../support/database";
import { fullAnswersV2 } from "../fixtures/intakes";

/**
 * Issue 16, point 1: leaving the safety step with an answer of acute risk puts the interruption
 * page before the next step, once; "Continue" takes it away. The server actions run for real; only
 * Next's cookie jar is stood in for.
 */
const jar = vi.hoisted(() => new Map<string, string>());
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
    set: (name: string, value: string) => void jar.set(name, value),
    delete: (name: string) => void jar.delete(name),
  }),
  headers: async () => new Headers({ "x-forwarded-for": "198.51.100.7" }),
}));

useMigratedDatabase();

const draftNow = async () => (await findDraftBySession([...jar.values()][0]!))!;

async function draftUpToSafety() {
  jar.clear();
  await saveStepAction({ section: "consent", values: { consent_privacy: true, consent_not_emergency: true }, intent: "next", returnToReview: false });
  const { si_safe_now: _a, si_intent: _b, si_plan: _c, ...answers } = fullAnswersV2();
  await saveDraft((await draftNow()).id, { answers, units: {} }, false);
}

const safety = (answers: Record<string, unknown>) =>
  saveStepAction({ section: "safety", values: toFormValues(sectionById("safety")!, { ...fullAnswersV2(), ...answers }), intent: "next", returnToReview: false });

describe("the interruption page", () => {
  it("comes after the safety step when the person does not feel safe, and goes once they continue", async () => {
    await draftUpToSafety();
    expect(await safety({ si_safe_now: "no" })).toEqual({ status: "saved", next: "/intake/treatment" });
    expect((await draftNow()).state.interruption).toBe(true);
    expect((await draftNow()).state.answers.si_safe_now).toBe("no"); // the answer itself is stored as given
    await passInterruption();
    expect((await draftNow()).state.interruption).toBeUndefined();
    expect((await draftNow()).state.answers.si_safe_now).toBe("no");
  });

  it("is not shown for reassuring answers", async () => {
    await draftUpToSafety();
    expect(await safety({ si_safe_now: "yes" })).toMatchObject({ status: "saved" });
    expect((await draftNow()).state.interruption).toBeUndefined();
  });
});
