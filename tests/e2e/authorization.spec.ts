import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { before, describe, it } from "node:test";
import { BASE_URL } from "./support/browser";
import { fullIntake } from "../fixtures/intakes";
import { randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import { betterAuth } from "better-auth";
import { twoFactor } from "better-auth/plugins";
import { createTherapist, signInOverHttp } from "./support/therapist";

/**
 * The authorization matrix. Every route in the fresh build's manifest and every server action must
 * be listed here, so a new one fails this test until someone decides who may use it.
 */

type Access = "public" | "therapist-page" | "therapist-api" | "auth-sign-in" | "framework";

const ROUTES: Record<string, Access> = {
  "/": "public",
  "/privacy": "public",
  "/intake": "public",
  "/intake/[step]": "public",
  "/intake/resume/[token]": "public",
  "/intake/sent": "public",
  "/intake/ended/[reason]": "public",
  "/intake/email-link": "public",
  "/check-in/[token]": "public",
  "/check-in/[token]/date-of-birth": "public",
  "/check-in/[token]/start": "public",
  "/check-in/step/[step]": "public",
  "/check-in/send": "public",
  "/icon.svg": "public",
  "/login": "public",
  "/api/health": "public",
  "/api/intakes": "public",
  "/dashboard": "therapist-page",
  "/dashboard/intakes/[id]": "therapist-page",
  "/dashboard/courses/[id]": "therapist-page",
  "/dashboard/courses/[id]/sessions/[sessionId]/correct": "therapist-page",
  "/dashboard/audit": "therapist-page",
  "/dashboard/settings": "therapist-page",
  "/dashboard/outcomes": "therapist-page",
  "/api/session/sign-out": "therapist-api",
  "/api/intakes/[id]/pdf": "therapist-api",
  "/api/intakes/[id]/export": "therapist-api",
  "/api/intakes/[id]/fhir": "therapist-api",
  "/api/fhir/Questionnaire/[ref]": "public",
  "/dashboard/export.csv": "therapist-api",
  "/dashboard/intakes/[id]/answers.csv": "therapist-api",
  "/api/courses/[id]/progress-pdf": "therapist-api",
  "/api/outcomes/csv": "therapist-api",
  "/api/intake-copy": "public",
  "/api/auth/sign-in/email": "auth-sign-in",
  "/api/auth/two-factor/verify-totp": "auth-sign-in",
  "/_global-error": "framework",
  "/_not-found": "framework",
};

const ACTIONS: Record<string, "public" | "therapist"> = {
  "app/(public)/intake/actions.ts#saveStepAction": "public",
  "app/(public)/intake/actions.ts#saveStepFormAction": "public",
  "app/(public)/intake/actions.ts#submitIntakeAction": "public",
  "app/(public)/intake/actions.ts#continueAfterInterruptionAction": "public",
  "app/(public)/intake/actions.ts#resumeAction": "public",
  "app/(public)/intake/actions.ts#startAgainAction": "public",
  "app/(public)/intake/actions.ts#forgetIntakeAction": "public",
  "app/(public)/intake/actions.ts#emailResumeLinkAction": "public",
  "app/(public)/check-in/actions.ts#saveCheckinStepAction": "public",
  "app/(public)/check-in/actions.ts#saveCheckinStepFormAction": "public",
  "app/(public)/check-in/actions.ts#submitCheckinAction": "public",
  "app/(therapist)/dashboard/actions.ts#searchAction": "therapist",
  "app/(therapist)/dashboard/actions.ts#acknowledgeAction": "therapist",
  "app/(therapist)/dashboard/actions.ts#addNoteAction": "therapist",
  "app/(therapist)/dashboard/actions.ts#changeStatusAction": "therapist",
  "app/(therapist)/dashboard/actions.ts#changePasswordAction": "therapist",
  "app/(therapist)/dashboard/actions.ts#confirmReenrolAction": "therapist",
  "app/(therapist)/dashboard/actions.ts#revokeSessionAction": "therapist",
  "app/(therapist)/dashboard/actions.ts#startReenrolAction": "therapist",
  "app/(therapist)/dashboard/actions.ts#deleteClientDataAction": "therapist",
  "app/(therapist)/dashboard/courses/actions.ts#startCourseAction": "therapist",
  "app/(therapist)/dashboard/courses/actions.ts#changePhaseAction": "therapist",
  "app/(therapist)/dashboard/courses/actions.ts#recordSessionAction": "therapist",
  "app/(therapist)/dashboard/courses/actions.ts#correctSessionAction": "therapist",
  "app/(therapist)/dashboard/courses/actions.ts#acknowledgeCheckinAction": "therapist",
  "app/(therapist)/dashboard/courses/actions.ts#createCheckinLinkAction": "therapist",
};

/**
 * The auth library's endpoints that are mounted, and all they may do. Any other endpoint of the
 * library has no route (404/405), whoever asks; a new route under /api/auth fails the first test.
 */
const MOUNTED_AUTH: Record<string, string> = {
  "/api/auth/sign-in/email": "POST e-mail + password (strict JSON) → a two-factor challenge cookie; never a usable session",
  "/api/auth/two-factor/verify-totp": "POST a 6-digit code for the open challenge, each code once → the session the dashboard accepts",
};

/** Every endpoint the auth library offers with the app's plugins (a throwaway instance, never served). */
function libraryEndpoints(): { path: string; methods: string[] }[] {
  const probe = betterAuth({ secret: randomBytes(32).toString("hex"), baseURL: BASE_URL, emailAndPassword: { enabled: true }, plugins: [twoFactor()], logger: { disabled: true } });
  return Object.values(probe.api as Record<string, { path?: string; options?: { method?: string | string[] } }>)
    .filter((e) => e.path)
    .map((e) => ({ path: `/api/auth${e.path!.replace(/:[a-zA-Z]+/g, "x")}`, methods: ([] as string[]).concat(e.options?.method ?? "GET").flatMap((m) => (m === "*" ? ["GET", "POST"] : [m])) }));
}

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

  it("mounts only the two sign-in endpoints of the auth library, and every other one is unreachable, even with a full session", async () => {
    assert.deepEqual(Object.keys(ROUTES).filter((r) => r.startsWith("/api/auth/")).sort(), Object.keys(MOUNTED_AUTH).sort(), "list each mounted auth endpoint in MOUNTED_AUTH with what it may do");
    const endpoints = libraryEndpoints();
    for (const p of ["/api/auth/change-password", "/api/auth/update-user", "/api/auth/two-factor/disable", "/api/auth/two-factor/enable", "/api/auth/two-factor/get-totp-uri", "/api/auth/sign-out", "/api/auth/revoke-sessions", "/api/auth/sign-up/email", "/api/auth/get-session"])
      assert.ok(endpoints.some((e) => e.path === p), `the library still offers ${p} (the probe list is real)`);
    const sessionCookie = await signInOverHttp(BASE_URL, createTherapist("library"));
    assert.equal((await get("/dashboard", { cookie: sessionCookie })).status, 200, "the session itself works");
    for (const { path: p, methods } of endpoints) {
      if (p in MOUNTED_AUTH) continue;
      for (const method of methods)
        for (const cookie of [undefined, sessionCookie]) {
          const response = await fetch(`${BASE_URL}${p}`, {
            method,
            redirect: "manual",
            headers: { origin: BASE_URL, "content-type": "application/json", ...(cookie ? { cookie } : {}) },
            body: method === "POST" ? JSON.stringify({ password: "x", newPassword: "aaaaaaaaaaaa", currentPassword: "x", name: SENTINEL, code: "123456" }) : undefined,
          });
          assert.ok([404, 405].includes(response.status), `${method} ${p} ${cookie ? "with a session" : "anonymously"} must not be mounted (got ${response.status})`);
        }
    }
    assert.equal((await get("/dashboard", { cookie: sessionCookie })).status, 200, "and nothing above touched the session");
  });

  it("refuses a session that did not pass the second factor on every therapist page, download and action", async () => {
    const sessionCookie = await signInOverHttp(BASE_URL, createTherapist("half"));
    const db = new Database(process.env.E2E_DATABASE_PATH!);
    try {
      // As a password-only session would be (the library can make one with a trusted-device cookie).
      db.prepare("update session set two_factor_verified_at = null where user_id = (select id from user where email like 'half-%')").run();
    } finally {
      db.close();
    }
    for (const [route, access] of Object.entries(ROUTES)) {
      if (access === "therapist-page") await assertDenied(await get(concrete(route), { cookie: sessionCookie }), `GET ${route} with a password-only session`);
      if (access === "therapist-api" && !route.includes("sign-out")) await assertDenied(await get(concrete(route), { cookie: sessionCookie }), `GET ${route} with a password-only session`);
    }
    for (const action of actions.filter((a) => ACTIONS[a.key] === "therapist")) {
      const page = action.page.replace(/^app\/\((public|therapist)\)/, "").replace(/\/page$/, "").replace("[id]", intakeId) || "/";
      const response = await fetch(`${BASE_URL}${page}`, {
        method: "POST",
        redirect: "manual",
        headers: { "next-action": action.id, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component", origin: BASE_URL, cookie: sessionCookie },
        body: JSON.stringify([{ intakeId, to: "in_review", body: "probe", query: SENTINEL, sessionId: "x", code: "123456", currentCode: "123456", password: "x", currentPassword: "x", newPassword: "x", basis: "entered_in_error", confirmReference: "x" }]),
      });
      const copy = response.clone();
      await assertDenied(response, `action ${action.key} with a password-only session`);
      assert.ok(!/"ok":true/.test(await copy.text()), `action ${action.key} with a password-only session must be refused`);
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
