import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { before, describe, it } from "node:test";
import { BASE_URL } from "./support/browser";
import { fullIntake } from "../fixtures/intakes";
import { createTherapist, signInOverHttp } from "./support/therapist";

/**
 * The authorization matrix. Every route in the fresh build's manifest and every server action must
 * be listed here, so a new one fails this test until someone decides who may use it.
 */

type Access = "public" | "therapist-page" | "therapist-api" | "auth-library" | "framework";

const ROUTES: Record<string, Access> = {
  "/": "public",
  "/privacy": "public",
  "/intake": "public",
  "/intake/[step]": "public",
  "/intake/resume/[token]": "public",
  "/intake/sent": "public",
  "/login": "public",
  "/api/health": "public",
  "/api/intakes": "public",
  "/dashboard": "therapist-page",
  "/dashboard/intakes/[id]": "therapist-page",
  "/dashboard/audit": "therapist-page",
  "/dashboard/settings": "therapist-page",
  "/api/session/sign-out": "therapist-api",
  "/api/intakes/[id]/pdf": "therapist-api",
  "/api/intakes/[id]/export": "therapist-api",
  "/api/intake-copy": "public",
  "/api/auth/[...all]": "auth-library",
  "/_global-error": "framework",
  "/_not-found": "framework",
};

const ACTIONS: Record<string, "public" | "therapist"> = {
  "app/(public)/intake/actions.ts#saveStepAction": "public",
  "app/(public)/intake/actions.ts#submitIntakeAction": "public",
  "app/(public)/intake/actions.ts#resumeAction": "public",
  "app/(public)/intake/actions.ts#startAgainAction": "public",
  "app/(therapist)/dashboard/actions.ts#searchAction": "therapist",
  "app/(therapist)/dashboard/actions.ts#acknowledgeAction": "therapist",
  "app/(therapist)/dashboard/actions.ts#addNoteAction": "therapist",
  "app/(therapist)/dashboard/actions.ts#changeStatusAction": "therapist",
  "app/(therapist)/dashboard/actions.ts#changePasswordAction": "therapist",
  "app/(therapist)/dashboard/actions.ts#confirmReenrolAction": "therapist",
  "app/(therapist)/dashboard/actions.ts#revokeSessionAction": "therapist",
  "app/(therapist)/dashboard/actions.ts#startReenrolAction": "therapist",
  "app/(therapist)/dashboard/actions.ts#deleteClientDataAction": "therapist",
};

const SENTINEL = "Sentinel-Qwyxz";
const manifest = JSON.parse(fs.readFileSync(path.join(".next", "app-path-routes-manifest.json"), "utf8")) as Record<string, string>;
const actionManifest = JSON.parse(fs.readFileSync(path.join(".next", "server", "server-reference-manifest.json"), "utf8")) as {
  node: Record<string, { workers: Record<string, unknown>; exportedName: string; filename: string }>;
};
const actions = Object.entries(actionManifest.node).map(([id, a]) => ({ id, key: `${a.filename}#${a.exportedName}`, page: Object.keys(a.workers)[0]! }));

let intakeId = "";
before(async () => {
  const response = await fetch(`${BASE_URL}/api/intakes`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(fullIntake({ full_name: SENTINEL, phq9_9: 3, si_thoughts_past_month: "yes", si_intent: "yes", si_plan: "yes" }, { submittedAt: undefined })),
  });
  intakeId = ((await response.json()) as { id: string }).id;
});

const concrete = (route: string) => route.replace("[id]", intakeId);

/** No health information and no success: a redirect to sign-in, or a refusal. */
async function assertDenied(response: Response, what: string) {
  const body = await response.text();
  assert.ok(!body.includes(SENTINEL), `${what}: leaked health information`);
  const location = response.headers.get("location") ?? response.headers.get("x-action-redirect") ?? "";
  const redirectedToLogin = response.status >= 300 && response.status < 400 && /\/login/.test(location);
  const refused = [401, 403, 404, 405].includes(response.status);
  const actionRedirect = /\/login/.test(response.headers.get("x-action-redirect") ?? "");
  // A React Server Components request gets the redirect inside the payload (and nothing else).
  const rscRedirect = response.status === 200 && /"digest":"NEXT_REDIRECT;replace;\/login;307;"/.test(body);
  // A prefetch of a dynamic page gets only the route tree's skeleton: no page was rendered.
  const skeletonOnly =
    response.status === 200 &&
    response.headers.get("content-type")?.startsWith("text/x-component") === true &&
    !/"\$","(main|table|header|h1)"|urgent intake|Sign out/.test(body);
  assert.ok(redirectedToLogin || refused || actionRedirect || rscRedirect || skeletonOnly, `${what}: expected a redirect to /login or a refusal, got ${response.status} ${location}`);
}

const get = (url: string, headers: Record<string, string> = {}) => fetch(`${BASE_URL}${url}`, { redirect: "manual", headers });

/** Follows redirects that stay off /login (Next re-addresses `?_rsc=` requests), keeping the probe's headers. */
async function getFollowing(url: string, headers: Record<string, string>): Promise<Response> {
  let response = await get(url, headers);
  for (let hop = 0; hop < 3; hop++) {
    const location = response.headers.get("location");
    if (response.status < 300 || response.status >= 400 || !location || /\/login/.test(location)) break;
    response = await get(new URL(location, BASE_URL).pathname + new URL(location, BASE_URL).search, headers);
  }
  return response;
}

describe("authorization matrix", () => {
  it("lists every route of the build and every server action", () => {
    const built = Object.values(manifest).sort();
    assert.deepEqual(built, Object.keys(ROUTES).sort(), "a route was added or removed: place it in ROUTES");
    assert.deepEqual(actions.map((a) => a.key).sort(), Object.keys(ACTIONS).sort(), "a server action was added or removed: place it in ACTIONS");
  });

  it("sends anonymous visitors of every therapist page to sign in, whatever headers they add", async () => {
    const probes: [string, Record<string, string>][] = [
      ["", {}],
      ["", { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" }],
      ["?_rsc=1", { rsc: "1" }],
      ["", { "next-router-prefetch": "1", rsc: "1" }],
      ["", { "x-forwarded-host": "evil.example", "x-forwarded-for": "127.0.0.1" }],
    ];
    for (const [route, access] of Object.entries(ROUTES)) {
      if (access !== "therapist-page") continue;
      for (const [suffix, headers] of probes) await assertDenied(await getFollowing(`${concrete(route)}${suffix}`, headers), `GET ${route}${suffix} ${JSON.stringify(headers)}`);
    }
  });

  it("refuses the auth library's account endpoints and sign-up to anonymous callers", async () => {
    const origin = { origin: BASE_URL, "content-type": "application/json" };
    const signUp = await fetch(`${BASE_URL}/api/auth/sign-up/email`, { method: "POST", headers: origin, body: JSON.stringify({ email: "intruder@example.org", password: "a long enough password 1", name: "X" }) });
    assert.ok(signUp.status >= 400, `sign-up must be disabled (got ${signUp.status})`);
    const session = await (await get("/api/auth/get-session")).text();
    assert.ok(session === "null" || session === "", `get-session gives nothing anonymously (got ${session.slice(0, 80)})`);
    for (const [method, p] of [
      ["GET", "/api/auth/list-sessions"],
      ["GET", "/api/auth/list-accounts"],
      ["POST", "/api/auth/two-factor/enable"],
      ["POST", "/api/auth/two-factor/disable"],
      ["POST", "/api/auth/two-factor/get-totp-uri"],
      ["POST", "/api/auth/change-password"],
      ["POST", "/api/auth/update-user"],
      ["POST", "/api/auth/revoke-sessions"],
    ] as const) {
      const response = await fetch(`${BASE_URL}${p}`, { method, headers: origin, body: method === "POST" ? JSON.stringify({ password: "x" }) : undefined, redirect: "manual" });
      assert.ok([400, 401, 403, 404].includes(response.status), `${method} ${p} must be refused anonymously (got ${response.status})`);
    }
  });

  it("refuses every therapist server action without a session, and with a session but no or a null Origin", async () => {
    const sessionCookie = await signInOverHttp(BASE_URL, createTherapist("matrix"));
    assert.ok((await get(`/dashboard/intakes/${intakeId}`, { cookie: sessionCookie })).status === 200, "the session itself works");

    for (const action of actions.filter((a) => ACTIONS[a.key] === "therapist")) {
      const page = action.page.replace(/^app\/\((public|therapist)\)/, "").replace(/\/page$/, "").replace("[id]", intakeId) || "/";
      const call = (headers: Record<string, string>) =>
        fetch(`${BASE_URL}${page}`, {
          method: "POST",
          redirect: "manual",
          headers: { "next-action": action.id, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component", ...headers },
          body: JSON.stringify([{ intakeId, to: "in_review", body: "probe", query: SENTINEL, sessionId: "x", code: "123456", password: "x", currentPassword: "x", newPassword: "x", basis: "entered_in_error", confirmReference: "x" }]),
        });
      const anonymous = await call({ origin: BASE_URL });
      await assertDenied(anonymous, `action ${action.key} without a session`);
      for (const origin of [undefined, "null", "https://evil.example"]) {
        const response = await call(origin ? { cookie: sessionCookie, origin } : { cookie: sessionCookie });
        const body = await response.text();
        assert.ok(!body.includes(SENTINEL), `action ${action.key} with Origin ${origin}: leaked health information`);
        assert.ok(!/"ok":true/.test(body), `action ${action.key} with Origin ${origin} must be refused (got ${response.status} ${body.slice(0, 200)})`);
      }
    }
  });

  it("refuses the therapist PDF to anonymous callers, and the client copy to a browser without its cookie", async () => {
    const probes: Record<string, string>[] = [{}, { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" }, { cookie: "therapist.session_token=forged" }];
    for (const headers of probes) {
      for (const download of ["pdf", "export"]) {
        const response = await get(`/api/intakes/${intakeId}/${download}`, headers);
        assert.equal(response.status, 401, `therapist ${download} with ${JSON.stringify(headers)}`);
        assert.ok(!(await response.text()).includes(SENTINEL));
      }
    }
    const copy = await get("/api/intake-copy", { cookie: "intake_copy=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" });
    assert.equal(copy.status, 410);
  });

  it("refuses sign-out without a same-origin Origin, and the intake API to a foreign browser origin", async () => {
    assert.equal((await fetch(`${BASE_URL}/api/session/sign-out`, { method: "POST" })).status, 403);
    assert.equal((await fetch(`${BASE_URL}/api/session/sign-out`, { method: "POST", headers: { origin: "null" } })).status, 403);
    const foreign = await fetch(`${BASE_URL}/api/intakes`, { method: "POST", headers: { "content-type": "application/json", origin: "https://evil.example" }, body: JSON.stringify(fullIntake()) });
    assert.equal(foreign.status, 403);
  });
});
