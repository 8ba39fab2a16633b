import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BASE_URL } from "./support/browser";

/** The headers on each kind of route: public page, wizard step, therapist page, APIs, auth, downloads. */

const ROUTES: [string, string, RequestInit?][] = [
  ["public page", "/"],
  ["wizard step", "/intake/consent"],
  ["therapist sign-in page", "/login"],
  ["therapist page (redirect)", "/dashboard"],
  ["health API", "/api/health"],
  ["intake API (refused)", "/api/intakes", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }],
  ["therapist PDF (refused)", "/api/intakes/AAAAAAAAAAAAAAAAAAAAAA/pdf"],
  ["client copy (gone)", "/api/intake-copy"],
  ["auth sign-in (refused)", "/api/auth/sign-in/email", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }],
];

describe("security headers", () => {
  for (const [kind, path, init] of ROUTES) {
    it(`${kind}: ${path}`, async () => {
      const response = await fetch(`${BASE_URL}${path}`, { redirect: "manual", ...init });
      const h = response.headers;
      assert.equal(h.get("x-powered-by"), null, "no X-Powered-By");
      assert.equal(h.get("x-content-type-options"), "nosniff");
      assert.equal(h.get("referrer-policy"), "no-referrer");
      assert.match(h.get("strict-transport-security") ?? "", /max-age=\d{7,}/);
      assert.match(h.get("permissions-policy") ?? "", /camera=\(\)/);
      const csp = h.get("content-security-policy") ?? "";
      assert.match(csp, /frame-ancestors 'none'/);
      if (/^\/api\/(intakes|health)$/.test(path)) assert.match(csp, /default-src 'none'.*script-src 'none'/, "JSON endpoints allow no scripts at all");
      else assert.match(csp, /script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}' 'strict-dynamic'/);
      assert.doesNotMatch(csp.split(";").find((d) => d.trim().startsWith("script-src")) ?? "", /unsafe-inline|unsafe-eval/);
      if (/login|dashboard|api\/intakes\/|api\/auth|intake-copy|api\/intakes$/.test(path)) assert.match(h.get("cache-control") ?? "", /no-store/);
    });
  }

  it("gives every response its own nonce, and puts it on Next's scripts", async () => {
    const a = await fetch(`${BASE_URL}/`);
    const b = await fetch(`${BASE_URL}/`);
    const nonceOf = (r: Response) => /'nonce-([^']+)'/.exec(r.headers.get("content-security-policy") ?? "")?.[1];
    assert.notEqual(nonceOf(a), nonceOf(b));
    const html = await a.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    assert.ok(scripts.length > 0);
    for (const tag of scripts) assert.ok(tag.includes(`nonce="${nonceOf(a)}"`), `script without the nonce: ${tag.slice(0, 80)}`);
  });

  it("refuses bodies over the limit before reading them", async () => {
    const response = await fetch(`${BASE_URL}/api/auth/sign-in/email`, { method: "POST", headers: { "content-type": "application/json", origin: BASE_URL }, body: "x".repeat(300 * 1024) });
    assert.equal(response.status, 413);
  });
});
