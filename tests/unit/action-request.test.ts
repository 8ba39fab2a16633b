import { createRequire } from "node:module";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { actionModelProblem, actionRequestProblem, formPostProblem, MAX_ACTION_DEPTH } from "@/lib/http/action-request";

/**
 * The proxy's server-action body check, against what React's own encoder (the one our client
 * components call through) produces for the app's calls, and against the attacks of issue 12.
 */
const { encodeReply } = createRequire(import.meta.url)("next/dist/compiled/react-server-dom-webpack/client.node") as {
  encodeReply: (args: unknown[]) => Promise<string | FormData>;
};

const post = (body: string | FormData) =>
  new Request("http://localhost/intake/consent", { method: "POST", headers: { "next-action": "x", ...(typeof body === "string" ? { "content-type": "text/plain;charset=UTF-8" } : {}) }, body });

describe("server-action body check", () => {
  it("lets every call shape of the app's client components through, as React encodes it", async () => {
    const form = new FormData();
    form.append("consent_privacy", "on");
    const calls: unknown[][] = [
      // The wizard: autosave and step saves (values as react-hook-form holds them), resume, submit, start again.
      [{ section: "consent", values: { consent_privacy: true, notes: "$5 a week", meds: ["lithium", "$$"], dob: undefined, n: Number.NaN }, intent: "autosave", returnToReview: undefined }],
      [{ section: "mood", values: { phq9_1: 2, nested: { deeper: [[{ a: "b" }]] } }, intent: "continue", returnToReview: true, trap: undefined }],
      ["resume-token"],
      [],
      [form],
      [undefined, form],
      // The dashboard and settings.
      [{ query: "$ KT-ABCD-EFGH" }],
      [{ intakeId: "AAAAAAAAAAAAAAAAAAAAAA", to: "in_review" }],
      [{ currentPassword: "$secret", newPassword: "x".repeat(200) }],
      [{ code: "123456" }],
      [{ when: new Date(0), zero: -0, big: Infinity, small: -Infinity }],
    ];
    for (const args of calls) {
      const body = await encodeReply(args);
      expect(await actionRequestProblem(post(body)), JSON.stringify(args)).toBeUndefined();
    }
  });

  it("lets any JSON value through as React encodes it, up to the depth limit", async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 6 }), async (value) => {
        expect(await actionRequestProblem(post(await encodeReply([value])))).toBeUndefined();
      }),
      { numRuns: 200 },
    );
  });

  it("refuses the attacks: deep nesting, unknown references, not JSON, wrong shape, none echoed", async () => {
    expect(actionModelProblem(`[${"[".repeat(20_000)}${"]".repeat(20_000)}]`, false)).toMatch(/nested too deeply/);
    expect(actionModelProblem(`[${'{"a":'.repeat(MAX_ACTION_DEPTH)}1${"}".repeat(MAX_ACTION_DEPTH)}]`, false)).toMatch(/nested too deeply/);
    expect(actionModelProblem(`[[${'"[[[",'.repeat(100)}1]]`, false), "brackets inside strings do not count").toBeUndefined();
    for (const reference of ["$K1", "$@1", "$Q1", "$W1", "$h1", "$T", "$0:a:b", "$1", "$n99", "$", "$D", "$Bxyz", "$undefinedX"])
      expect(actionModelProblem(JSON.stringify([{ deep: [reference] }]), false), reference).toMatch(/encoding this app does not send/);
    expect(actionModelProblem('["$K1"]', true), "a FormData argument of a multipart call").toBeUndefined();
    expect(actionModelProblem("not json", false)).toMatch(/not JSON/);
    expect(actionModelProblem('{"a":1}', false)).toMatch(/must be a list/);
    expect(actionModelProblem(`[${"1,".repeat(5000)}1]`, false)).toMatch(/too many arguments/);
    const form = new FormData();
    form.append("1_x", "y");
    expect(await actionRequestProblem(post(form))).toMatch(/no arguments/);
    const problem = await actionRequestProblem(post('["$Kevil-Sentinel"]'));
    expect(problem).not.toContain("Sentinel");
  });

  it("checks only the action fields of a form posted without JavaScript", async () => {
    const formPost = (fields: Record<string, string>) => {
      const form = new FormData();
      for (const [k, v] of Object.entries(fields)) form.append(k, v);
      return new Request("http://localhost/intake/consent", { method: "POST", body: form });
    };
    // The form's own fields are the person's answers: never judged, whatever they hold.
    expect(await formPostProblem(formPost({ $ACTION_ID_abc: "", notes: "$K1 [[[[", consent_privacy: "on" }))).toBeUndefined();
    expect(await formPostProblem(formPost({ "$ACTION_REF_R_1_": "", "$ACTION_R_1_:0": '{"id":"abc","bound":null}', $ACTION_KEY: "k0" }))).toBeUndefined();
    expect(await formPostProblem(formPost({ $ACTION_REF_1: "", "$ACTION_1:0": '{"id":"abc","bound":"$@1"}', "$ACTION_1:1": '["intake-id"]' }))).toBeUndefined();
    for (const meta of ['{"id":"abc","bound":"$"}', '{"id":"abc","bound":"$Q1"}', "not json", '{"bound":null}', `{"id":"abc","bound":${"[".repeat(20_000)}}`])
      expect(await formPostProblem(formPost({ $ACTION_REF_1: "", "$ACTION_1:0": meta })), meta.slice(0, 40)).toMatch(/action reference is not valid/);
    expect(await formPostProblem(formPost({ "$ACTION_1:0": '{"id":"abc","bound":"$@1"}', "$ACTION_1:1": '["$T"]' }))).toMatch(/encoding/);
    expect(await formPostProblem(formPost({ $ACTION_REF_1: "" })), "a reference without its descriptor").toMatch(/action reference is not valid/);
    expect(await formPostProblem(new Request("http://localhost/", { method: "POST", headers: { "content-type": "multipart/form-data; boundary=x" }, body: "garbage" }))).toMatch(/cannot be read/);
  });
});
