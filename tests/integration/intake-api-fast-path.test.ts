import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countIntakes } from "@/lib/intake/intake-record";
import { serveCreateIntake } from "@/lib/intake/create-intake-node";
import { MAX_BODY_BYTES } from "@/lib/intake/create-intake-handler";
import { fullIntakeV2 } from "../fixtures/intakes";
import { useMigratedDatabase } from "../support/database";
import { postIntake } from "../support/api";

/**
 * The production server answers POST /api/intakes on node:http (scripts/http-server.mjs), Next's
 * route handler everywhere else: both must answer every request alike, and the node reader must
 * bound the body as the web one does.
 */
useMigratedDatabase();

const SECURITY = { "x-content-type-options": "nosniff", "content-security-policy": "default-src 'none'" };
let server: http.Server;
let base: string;
beforeAll(async () => {
  server = http.createServer((req, res) => void serveCreateIntake(req, res, SECURITY));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function viaNode(body: string, headers: Record<string, string> = { "content-type": "application/json" }) {
  const r = await fetch(`${base}/api/intakes`, { method: "POST", headers, body });
  const text = await r.text();
  return { status: r.status, headers: r.headers, body: text ? JSON.parse(text) : undefined };
}

const now = () => new Date().toISOString();

describe("POST /api/intakes on node:http", () => {
  it("stores a valid intake like the route handler: 201, id, reference, no-store, with the security headers", async () => {
    const before = await countIntakes();
    const node = await viaNode(JSON.stringify(fullIntakeV2({}, { submittedAt: now() })));
    const web = await postIntake(fullIntakeV2({}, { submittedAt: now() }));
    expect(node.status).toBe(201);
    expect(web.status).toBe(201);
    expect(Object.keys(node.body)).toEqual(Object.keys(web.body));
    expect(node.headers.get("cache-control")).toBe("no-store");
    expect(node.headers.get("x-content-type-options")).toBe("nosniff");
    expect(node.headers.get("content-security-policy")).toBe("default-src 'none'");
    expect(await countIntakes()).toBe(before + 2);
  });

  it.each([
    ["an invalid intake", JSON.stringify({ questionnaire: "x" }), { "content-type": "application/json" }],
    ["a body that is not JSON", "{", { "content-type": "application/json" }],
    ["a body that is not UTF-8", Buffer.from([0x7b, 0xff, 0x7d]).toString("latin1"), { "content-type": "application/json" }],
    ["the wrong content type", "{}", { "content-type": "text/plain" }],
    ["a bad Idempotency-Key", "{}", { "content-type": "application/json", "idempotency-key": "a b" }],
    ["another site's Origin", "{}", { "content-type": "application/json", origin: "https://evil.example" }],
    ["a wrong integration key", "{}", { "content-type": "application/json", authorization: "Bearer nope" }],
  ])("answers %s exactly as the route handler does", async (_, body, headers) => {
    const before = await countIntakes();
    const node = await viaNode(body, headers);
    const web = await postIntake(undefined, { rawBody: body, headers });
    expect(node.status).toBeGreaterThanOrEqual(400);
    expect({ status: node.status, body: node.body }).toEqual({ status: web.status, body: web.body });
    expect(await countIntakes()).toBe(before);
  });

  it("refuses a body over the limit with 413 even when it is sent without a length (chunked), and stores nothing", async () => {
    const before = await countIntakes();
    const big = JSON.stringify({ padding: "x".repeat(MAX_BODY_BYTES) });
    const chunked = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.request(`${base}/api/intakes`, { method: "POST", headers: { "content-type": "application/json", "transfer-encoding": "chunked" } }, (res) => {
        let text = "";
        res.on("data", (c: Buffer) => (text += c.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on("error", reject);
      for (let i = 0; i < big.length; i += 8192) req.write(big.slice(i, i + 8192));
      req.end();
    });
    expect(chunked.status).toBe(413);
    expect(JSON.parse(chunked.text).errors[0].message).toContain(String(MAX_BODY_BYTES));
    expect(await countIntakes()).toBe(before);
  });

  it("closes the connection after refusing an over-limit body, so a client streaming one without end is cut off", async () => {
    const result = await new Promise<{ status?: number; connection?: string; closed: boolean }>((resolve) => {
      const req = http.request(`${base}/api/intakes`, { method: "POST", headers: { "content-type": "application/json", "transfer-encoding": "chunked" } });
      const chunk = "x".repeat(16 * 1024);
      let writing = true;
      const pump = () => {
        while (writing && !req.destroyed && req.write(chunk));
        if (writing && !req.destroyed) req.once("drain", pump);
      };
      req.on("error", () => undefined); // the server closing while this side still writes
      req.on("response", (res) => {
        res.resume();
        const answer = { status: res.statusCode, connection: res.headers.connection };
        const timer = setTimeout(() => {
          writing = false;
          req.destroy();
          resolve({ ...answer, closed: false });
        }, 3000);
        req.socket?.once("close", () => {
          clearTimeout(timer);
          writing = false;
          resolve({ ...answer, closed: true });
        });
      });
      pump();
    });
    expect(result.status).toBe(413);
    expect(result.connection).toBe("close");
    expect(result.closed).toBe(true);
  });

  it("reads a valid intake sent in chunks without a length", async () => {
    const body = JSON.stringify(fullIntakeV2({}, { submittedAt: now() }));
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${base}/api/intakes`, { method: "POST", headers: { "content-type": "application/json", "transfer-encoding": "chunked" } }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      });
      req.on("error", reject);
      for (let i = 0; i < body.length; i += 1000) req.write(body.slice(i, i + 1000));
      req.end();
    });
    expect(status).toBe(201);
  });
});
