import assert from "node:assert/strict";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import fc from "fast-check";
import { startServer, type RunningServer } from "./support/server";
import { createTherapist, signInOverHttp } from "./support/therapist";
import { fullIntake } from "../fixtures/intakes";

/**
 * Malformed input never gives a 5xx, and never a stack trace in the server's output: the four
 * attacks of issue 12 replayed, then bounded fuzzing of cookies, query strings and server-action
 * bodies against every public and therapist entry point. Its own server, so its output can be read.
 */

const output: string[] = [];
let server: RunningServer;
let base = "";
let session = "";
let intakeId = "";

const manifest = JSON.parse(fs.readFileSync(path.join(".next", "server", "server-reference-manifest.json"), "utf8")) as {
  node: Record<string, { workers: Record<string, unknown>; exportedName: string; filename: string }>;
};
const concrete = (route: string) => route.replace("[id]", intakeId).replace("[step]", "consent").replace("[token]", "not-a-real-token");
const actions = () =>
  Object.entries(manifest.node).map(([id, a]) => ({
    id,
    name: a.exportedName,
    therapist: a.filename.includes("(therapist)"),
    page: concrete(Object.keys(a.workers)[0]!.replace(/^app\/\((public|therapist)\)/, "").replace(/\/page$/, "")) || "/",
  }));

const PUBLIC_PAGES = ["/", "/privacy", "/intake", "/intake/consent", "/intake/review", "/intake/sent", "/intake/resume/not-a-real-token", "/login", "/api/health", "/api/intake-copy", "/api/auth/get-session"];
const THERAPIST_PAGES = () => ["/dashboard", "/dashboard/audit", "/dashboard/settings", `/dashboard/intakes/${intakeId}`, `/api/intakes/${intakeId}/pdf`, `/api/intakes/${intakeId}/export`];

// Stack frames, or the errors the attacks used to raise, in what the server printed.
const STACK = /^\s*⨯ |^\s+at \S|URIError|RangeError|Maximum call stack/m;
function assertNoStack() {
  const text = output.join("");
  const at = text.search(STACK);
  assert.ok(at === -1, `a stack or an error in the server's output: ${text.slice(Math.max(0, at - 200), at + 400)}`);
}

before(async () => {
  server = await startServer({ RATE_LIMIT_LOGIN_PER_15MIN: "1000", RATE_LIMIT_SUBMIT_PER_HOUR: "100000" }, { output });
  base = server.baseUrl;
  // The therapist helpers address the database of the server under test.
  process.env.E2E_DATABASE_PATH = server.databasePath;
  process.env.E2E_KEYS_DIR = server.keysDir;
  session = await signInOverHttp(base, createTherapist("fuzz"));
  const created = await fetch(`${base}/api/intakes`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(fullIntake({}, { submittedAt: undefined })) });
  intakeId = ((await created.json()) as { id: string }).id;
});

after(() => server?.stop());

type Sent = { status: number; body: string };
async function send(url: string, init: RequestInit = {}): Promise<Sent> {
  const response = await fetch(`${base}${url}`, { redirect: "manual", ...init });
  return { status: response.status, body: await response.text() };
}

function callAction(action: { id: string; page: string; therapist: boolean }, body: BodyInit, contentType = "text/plain;charset=UTF-8", cookie = session): Promise<Sent> {
  return send(action.page, {
    method: "POST",
    headers: { "next-action": action.id, "content-type": contentType, accept: "text/x-component", origin: base, ...(cookie ? { cookie } : {}) },
    body,
  });
}

const notServerError = (what: string, r: Sent) => assert.ok(r.status < 500, `${what.slice(0, 300)}: ${r.status} ${r.body.slice(0, 200)}`);

describe("malformed input (issue 12, item 8)", () => {
  it("the four attacks get a 4xx (or the page with a clear message), and no stack in the log", async () => {
    const copy = await send("/api/intake-copy", { headers: { cookie: "intake_copy=%" } });
    assert.equal(copy.status, 410, "a malformed copy cookie is treated as absent");
    assert.match(copy.body, /no longer available/);

    const dashboard = await send("/dashboard?from=2026-13-45", { headers: { cookie: session } });
    assert.equal(dashboard.status, 200, "the dashboard still opens");
    assert.match(dashboard.body, /Received from.{0,80}not a real date/, "the message names the filter");
    assert.doesNotMatch(/role="alert">(.*?)<\/p>/.exec(dashboard.body)?.[1] ?? "", /2026-13-45/, "the bad value is not repeated in the message");
    const anonymous = await fetch(`${base}/dashboard?from=2026-13-45`, { redirect: "manual" });
    assert.ok(anonymous.status >= 300 && anonymous.status < 400 && /\/login/.test(anonymous.headers.get("location") ?? ""), `anonymous: sent to sign in first (got ${anonymous.status})`);

    const save = actions().find((a) => a.name === "saveStepAction")!;
    const search = actions().find((a) => a.name === "searchAction")!;
    for (const action of [save, search]) {
      const deep = `[${"[".repeat(20_000)}${"]".repeat(20_000)}]`;
      const tooDeep = await callAction(action, deep);
      assert.equal(tooDeep.status, 400, `${action.name}, 20,000 deep: ${tooDeep.status}`);
      assert.match(tooDeep.body, /nested too deeply/);
      const reference = await callAction(action, JSON.stringify(["$K1"]));
      assert.equal(reference.status, 400, `${action.name}, "$K1": ${reference.status}`);
      assert.match(reference.body, /not a valid request.*encoding this app does not send/);
      assert.doesNotMatch(reference.body, /\$K1/, "the input is not echoed");
    }
    assertNoStack();
  });

  it("legitimate action calls still work: an autosave, a search", async () => {
    const save = actions().find((a) => a.name === "saveStepAction")!;
    const saved = await callAction(save, JSON.stringify([{ section: "consent", values: { consent_privacy: true, note: "$$dollars", missing: "$undefined" }, intent: "autosave", returnToReview: "$undefined" }]), undefined, "");
    assert.equal(saved.status, 200, saved.body.slice(0, 200));
    const search = actions().find((a) => a.name === "searchAction")!;
    const found = await callAction(search, JSON.stringify([{ query: "nobody@example.org" }]));
    assert.equal(found.status, 200);
    assert.match(found.body, /"ok":true/);
  });

  const cookieNames = ["intake_copy", "__Secure-intake_copy", "intake_draft", "__Host-intake_draft", "therapist.session_token", "__Secure-therapist.session_token", "therapist.two_factor", "therapist.session_data", "other"];
  // What a client can put in a header: tab, printable ASCII (with % escapes, good and broken) and Latin-1.
  const headerText = fc.string({ unit: fc.oneof(fc.constantFrom("%", "%2", "%zz", "%E0%A4%A", "%00", "=", ";", '"', "\\", "\t"), fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), fc.integer({ min: 0x80, max: 0xff }).map((c) => String.fromCharCode(c))), maxLength: 60 });
  const cookieHeader = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...cookieNames), headerText), headerText), { minLength: 1, maxLength: 4 }).map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join("; ").trim());

  it("fuzzed cookies on every entry point never give a 5xx", async () => {
    const pages = [...PUBLIC_PAGES.map((p) => [p, false] as const), ...THERAPIST_PAGES().map((p) => [p, true] as const)];
    for (const [page, signedIn] of pages)
      await fc.assert(
        fc.asyncProperty(cookieHeader, async (cookie) => notServerError(`GET ${page} cookie ${JSON.stringify(cookie)}`, await send(page, { headers: { cookie: signedIn ? `${cookie}; ${session}` : cookie } }))),
        { numRuns: 6 },
      );
    // And the therapist's own session cookie itself mangled.
    await fc.assert(
      fc.asyncProperty(headerText, fc.constantFrom(...THERAPIST_PAGES()), async (value, page) => notServerError(`GET ${page}`, await send(page, { headers: { cookie: `therapist.session_token=${value}` } }))),
      { numRuns: 10 },
    );
  });

  const queryText = fc.string({ unit: fc.oneof(fc.constantFrom("%", "%2", "%zz", "%E0%A4%A", "&", "=", "+", "[]", "[0]", "__proto__", "2026-13-45", "9999-99-99", "-1", "1e999", "NaN"), fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c))), maxLength: 40 });
  const dateLike = fc.tuple(fc.integer({ min: 0, max: 99999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 })).map(([y, m, d]) => `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`);
  const knownKeys = ["from", "to", "status", "triage", "cursor", "action", "intake", "before", "return", "ended", "_rsc"];
  const query = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...knownKeys), queryText), fc.oneof(queryText, dateLike)), { minLength: 1, maxLength: 5 }).map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join("&"));

  it("fuzzed query strings on every entry point never give a 5xx", async () => {
    const pages = [...PUBLIC_PAGES.map((p) => [p, false] as const), ...THERAPIST_PAGES().map((p) => [p, true] as const)];
    for (const [page, signedIn] of pages)
      await fc.assert(
        fc.asyncProperty(query, async (q) => notServerError(`GET ${page}?${q}`, await send(`${page}?${q}`, { headers: signedIn ? { cookie: session } : {} }))),
        { numRuns: page.startsWith("/dashboard") ? 15 : 5 },
      );
  });

  const dollar = fc.tuple(fc.constantFrom("$", "$$", "$K", "$Q", "$W", "$@", "$h", "$T", "$D", "$n", "$i", "$A", "$o", "$B", "$R", "$r", "$X", "$x", "$S", "$F", "$E", "$Y", "$Z", "$l", "$0:", "$1", "$undefined"), fc.string({ maxLength: 12 })).map(([p, s]) => p + s);
  const leaf = fc.oneof(dollar, fc.string({ maxLength: 20 }), fc.integer(), fc.boolean(), fc.constant(null));
  const value = fc.letrec((tie) => ({ v: fc.oneof({ depthSize: "small" }, leaf, fc.array(tie("v"), { maxLength: 3 }), fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), dollar), tie("v"), { maxKeys: 3 })) })).v;
  const nest = (depth: number, open: string, close: string) => `[${open.repeat(depth)}1${close.repeat(depth)}]`;
  const body = fc.oneof(
    fc.json({ maxDepth: 4 }),
    value.map((v) => JSON.stringify([v])),
    value.map((v) => JSON.stringify([{ section: "consent", values: { consent_privacy: v }, intent: "autosave", query: v, intakeId: v, code: v, password: v }])),
    fc.tuple(fc.integer({ min: 40, max: 30_000 }), fc.constantFrom(["[", "]"], ['{"a":', "}"])).map(([d, [o, c]]) => nest(d, o!, c!)),
    fc.string({ unit: "binary", maxLength: 200 }),
    fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString("latin1")),
    fc.constantFrom("", "[", "{}", "null", "1", '"$K1"', '["$K1"]', '["$@1"]', '["$Q1"]', '["$h1"]', '["$T"]', '["$0:a:b"]', '["$n' + "9".repeat(400) + '"]', "[" + "1,".repeat(5000) + "1]"),
  );
  const contentType = fc.constantFrom("text/plain;charset=UTF-8", "text/plain;charset=UTF-8", "application/json", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded");

  it("fuzzed server-action bodies against every action never give a 5xx", async () => {
    const all = actions();
    assert.ok(all.length >= 10, "found the actions in the build");
    for (const action of all)
      await fc.assert(
        fc.asyncProperty(body, contentType, async (b, type) => {
          const payload = type.startsWith("multipart") ? `--x\r\ncontent-disposition: form-data; name="0"\r\n\r\n${b}\r\n--x--\r\n` : b;
          notServerError(`${action.name} ${type} ${JSON.stringify(payload.slice(0, 120))}`, await callAction(action, payload, type, action.therapist ? session : ""));
        }),
        { numRuns: 12 },
      );
    assertNoStack();
  });

  it("fuzzed form posts without JavaScript (no Next-Action header) never give a 5xx", async () => {
    const field = fc.oneof(fc.string({ maxLength: 30 }), dollar, body);
    for (const action of actions())
      await fc.assert(
        fc.asyncProperty(fc.boolean(), field, fc.dictionary(fc.oneof(fc.constantFrom("$ACTION_KEY", "$ACTION_REF_1", "$ACTION_1:0", "$ACTION_1:1", "0", "1_x"), fc.string({ maxLength: 10 })), field, { maxKeys: 3 }), async (byId, value, extra) => {
          const form = new FormData();
          if (byId) form.append(`$ACTION_ID_${action.id}`, "");
          else form.append("$ACTION_REF_1", ""), form.append("$ACTION_1:0", JSON.stringify({ id: action.id, bound: value }));
          for (const [k, v] of Object.entries(extra)) form.append(k, v);
          const r = await send(action.page, { method: "POST", headers: { origin: base, ...(action.therapist ? { cookie: session } : {}) }, body: form });
          notServerError(`no-JS ${action.name} ${JSON.stringify(extra).slice(0, 200)}`, r);
        }),
        { numRuns: 5 },
      );
    assertNoStack();
  });
});

/** A raw request (fetch would add a Content-Length or normalise the path). */
function raw(method: string, pathname: string, headers: Record<string, string>, chunks: string[] = []): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(base);
    const request = http.request({ host: url.hostname, port: url.port, method, path: pathname, headers }, (response) => {
      let body = "";
      response.on("data", (c: Buffer) => (body += c.toString("utf8")));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    request.on("error", reject);
    for (const chunk of chunks) request.write(chunk);
    request.end();
  });
}

describe("the second attack on the running app (issue 12, re-run)", () => {
  it("a body without a length, a bad path, a bad router-state header and the image optimizer get a 4xx with the security headers, not a 500", async () => {
    const save = actions().find((a) => a.name === "saveStepAction")!;
    const chunked = await raw("POST", "/intake/consent", { "next-action": save.id, "content-type": "text/plain;charset=UTF-8", origin: base, "transfer-encoding": "chunked" }, ["[", "1".repeat(300 * 1024), "]"]);
    assert.equal(chunked.status, 411, "a chunked action body");
    for (const p of ["/dashboard/intakes/%", "/dashboard/intakes/%E0", "/api/intakes/%/pdf", "/intake/%E0%A4", "/intake/resume/%"]) {
      const r = await raw("GET", p, {});
      assert.equal(r.status, 400, `GET ${p}`);
      assert.equal(r.headers["x-content-type-options"], "nosniff", `${p}: security headers on the refusal`);
      assert.match(String(r.headers["content-security-policy"]), /default-src 'none'/);
    }
    for (const tree of ["%%%", encodeURIComponent('{"a":1}'), encodeURIComponent(`${"[".repeat(200)}${"]".repeat(200)}`)])
      for (const p of ["/intake/consent", "/dashboard"]) {
        const r = await raw("GET", `${p}?_rsc=x`, { rsc: "1", "next-router-state-tree": tree, cookie: session });
        assert.equal(r.status, 400, `router state ${tree.slice(0, 20)} on ${p}`);
      }
    assert.equal((await raw("GET", "/_next/image?url=/dashboard&w=64&q=75", {})).status, 404);
    assert.equal((await raw("GET", "/_next/image?url=/%&w=64&q=75", {})).status, 404);
    assertNoStack();
  });

  it("an action posted to a path the proxy used to skip, from another site, or with a malformed id is refused by the proxy", async () => {
    const note = actions().find((a) => a.name === "addNoteAction")!;
    const body = JSON.stringify([{ intakeId, body: "posted to the favicon" }]);
    for (const origin of ["https://evil.example", "null"]) {
      const r = await send("/favicon.ico", { method: "POST", headers: { "next-action": note.id, "content-type": "text/plain;charset=UTF-8", origin, cookie: session }, body });
      assert.equal(r.status, 403, `favicon.ico, Origin ${origin}`);
    }
    const deep = await send("/favicon.ico", { method: "POST", headers: { "next-action": note.id, "content-type": "text/plain;charset=UTF-8", origin: base, cookie: session }, body: `[${"[".repeat(100)}${"]".repeat(100)}]` });
    assert.equal(deep.status, 400, "the shape check applies there too");
    const badId = await send("/intake/consent", { method: "POST", headers: { "next-action": "not-an-action-id", "content-type": "text/plain;charset=UTF-8", origin: base }, body: "[]" });
    assert.equal(badId.status, 400);
    const unknownId = await send("/intake/consent", { method: "POST", headers: { "next-action": "0".repeat(42), "content-type": "text/plain;charset=UTF-8", origin: base }, body: "[]" });
    assert.equal(unknownId.status, 404, "a well-formed id this build does not have");
    assert.match(unknownId.body, /reload the page/);
    assertNoStack();
  });

  it("a therapist action with Origin: null is refused even on an intake page with Sec-Fetch-Site: same-origin", async () => {
    const note = actions().find((a) => a.name === "addNoteAction")!;
    const r = await send("/intake/consent", {
      method: "POST",
      headers: { "next-action": note.id, "content-type": "text/plain;charset=UTF-8", origin: "null", "sec-fetch-site": "same-origin", cookie: session },
      body: JSON.stringify([{ intakeId, body: "Sentinel note via null origin" }]),
    });
    assert.equal(r.status, 403);
    const page = await send(`/dashboard/intakes/${intakeId}`, { headers: { cookie: session } });
    assert.doesNotMatch(page.body, /Sentinel note via null origin/);
  });

  it("the other loopback name is the same site for actions: a search with Origin localhost on 127.0.0.1 works, not a 500", async () => {
    const search = actions().find((a) => a.name === "searchAction")!;
    const port = new URL(base).port;
    for (const origin of [`http://localhost:${port}`, `http://[::1]:${port}`]) {
      const r = await send("/dashboard", { method: "POST", headers: { "next-action": search.id, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component", origin, cookie: session }, body: JSON.stringify([{ query: "nobody@example.org" }]) });
      assert.equal(r.status, 200, `Origin ${origin}: ${r.status} ${r.body.slice(0, 120)}`);
      assert.match(r.body, /"ok":true/);
    }
    assertNoStack();
  });

  it("the sign-in endpoint refuses another site before the auth library sees it (nothing of the attacker's in the log)", async () => {
    const r = await send("/api/auth/sign-in/email", { method: "POST", headers: { "content-type": "application/json", origin: "https://evil-sign-in.example" }, body: JSON.stringify({ email: "a@b.example", password: "x" }) });
    assert.equal(r.status, 403);
    assert.doesNotMatch(output.join(""), /evil-sign-in\.example/);
  });
});
