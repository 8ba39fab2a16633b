import { describe, expect, it } from "vitest";
import { isAllowedOrigin, isSameOrigin } from "@/lib/auth/same-origin";

/** Issue 12, item 10: without PUBLIC_ORIGIN, localhost and 127.0.0.1 on the same port are one site. */

const at = (host: string, origin?: string) => new Headers({ host, ...(origin ? { origin } : {}) });

describe("same-origin checks without a configured public origin", () => {
  it("treat the loopback names on the same port alike, whichever the browser used", () => {
    for (const host of ["localhost:3000", "127.0.0.1:3000", "[::1]:3000"])
      for (const origin of ["http://localhost:3000", "http://127.0.0.1:3000", "http://[::1]:3000"]) expect(isSameOrigin(at(host, origin)), `${origin} on ${host}`).toBe(true);
  });

  it("refuse another port, another site, a missing or null Origin, and loopback names for a non-loopback host", () => {
    expect(isSameOrigin(at("localhost:3000", "http://127.0.0.1:3001"))).toBe(false);
    expect(isSameOrigin(at("localhost:3000", "https://evil.example"))).toBe(false);
    expect(isSameOrigin(at("localhost:3000", "http://localhost.evil.example:3000"))).toBe(false);
    expect(isSameOrigin(at("localhost:3000"))).toBe(false);
    expect(isSameOrigin(at("localhost:3000", "null"))).toBe(false);
    expect(isAllowedOrigin("http://127.0.0.1:3000", at("intake.example.org"))).toBe(false);
    expect(isAllowedOrigin("https://intake.example.org", at("intake.example.org"))).toBe(true);
  });
});
