import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { freePort, startServer, type RunningServer } from "./support/server";
import { createTherapist, signInOverHttp } from "./support/therapist";
import { postIntake } from "./support/faults";
import { evaluateInPdfWorkers } from "./support/worker-inspector";

/**
 * Issue 20, faults: a PDF render thread of the real built server dies, or hangs, in the middle of
 * a render. The pool's workers are threads of the server process, so the test reaches them through
 * Node's inspector (tests/e2e/support/worker-inspector.ts; no hook in the app) and arms each to
 * exit — or spin for ever — on its next job, the first to take one winning (a directory made once).
 * The download that hit it fails with a clear message and 503 + Retry-After (at once for a crash,
 * at the pool's 20 s timeout for a hang), the pool replaces the thread, and downloads in flight beside it and after
 * it are PDFs.
 */

let server: RunningServer;
let inspectPort: number;
let cookie: string;
const ids: string[] = [];
const marks = fs.mkdtempSync(path.join(os.tmpdir(), "intake-pdf-fault-"));

before(async () => {
  inspectPort = await freePort();
  server = await startServer({
    RATE_LIMIT_SUBMIT_PER_HOUR: "100000",
    RATE_LIMIT_LOGIN_PER_15MIN: "1000",
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --inspect-port=127.0.0.1:${inspectPort}`.trim(),
  });
  process.env.E2E_DATABASE_PATH = server.databasePath;
  process.env.E2E_KEYS_DIR = server.keysDir;
  cookie = await signInOverHttp(server.baseUrl, createTherapist("pdffault"));
  for (let i = 0; i < 4; i++) {
    const answer = await postIntake(server.baseUrl, `pdf-fault-${i}`);
    assert.equal(answer.status, 201);
    ids.push((answer.body as { id: string }).id);
  }
});
after(() => {
  server?.stop();
  fs.rmSync(marks, { recursive: true, force: true });
});

interface Download {
  status: number;
  pdf: boolean;
  message: string;
  retryAfter: string | null;
  ms: number;
}

async function download(id: string): Promise<Download> {
  const started = Date.now();
  const response = await fetch(`${server.baseUrl}/api/intakes/${id}/pdf`, { headers: { cookie }, signal: AbortSignal.timeout(45_000) });
  const bytes = Buffer.from(await response.arrayBuffer());
  const pdf = response.headers.get("content-type") === "application/pdf" && bytes.subarray(0, 5).toString() === "%PDF-";
  const message = pdf ? "" : ((JSON.parse(bytes.toString("utf8")) as { errors: { message: string }[] }).errors[0]?.message ?? "");
  return { status: response.status, pdf, message, retryAfter: response.headers.get("retry-after"), ms: Date.now() - started };
}

/** Arms every render thread: the first to receive a job afterwards does `fault` (the others carry on). */
async function arm(name: string, fault: string): Promise<void> {
  const mark = JSON.stringify(path.join(marks, name));
  const expression = `(() => {
    const { parentPort } = process.getBuiltinModule("node:worker_threads");
    const fs = process.getBuiltinModule("node:fs");
    parentPort.once("message", () => { try { fs.mkdirSync(${mark}); } catch { return; } ${fault} });
    return true;
  })()`;
  const armed = await evaluateInPdfWorkers(server.httpServerPid()!, inspectPort, expression);
  assert.ok(armed >= 1, `reached the render threads (${armed})`);
}

async function threeAtOnce(): Promise<Download[]> {
  return Promise.all([download(ids[0]!), download(ids[1]!), download(ids[2]!)]);
}

function oneFailedCleanly(downloads: Download[]): Download {
  const failed = downloads.filter((d) => !d.pdf);
  assert.equal(failed.length, 1, `exactly the download on the broken thread failed: ${JSON.stringify(downloads)}`);
  // Transient (the pool replaced the thread): 503 with Retry-After, so a client or proxy retries.
  assert.equal(failed[0]!.status, 503);
  assert.equal(failed[0]!.retryAfter, "5");
  assert.equal(failed[0]!.message, "The PDF could not be made. Try again in a moment.");
  for (const d of downloads.filter((x) => x.pdf)) assert.equal(d.status, 200);
  return failed[0]!;
}

describe("a PDF render thread crashes or hangs mid-render", () => {
  it("renders normally first (the pool's threads start on the first download)", async () => {
    const first = await download(ids[3]!);
    assert.ok(first.pdf, JSON.stringify(first));
  });

  it("a crash: that download fails at once with a clear message, the others in flight and after are PDFs", async () => {
    await arm("crash", "process.exit(70);");
    const failed = oneFailedCleanly(await threeAtOnce());
    assert.ok(failed.ms < 10_000, `failed at once, not at the timeout (${failed.ms} ms)`);
    const afterwards = await download(ids[3]!);
    assert.ok(afterwards.pdf && afterwards.ms < 10_000, `the replaced thread renders (${JSON.stringify(afterwards)})`);
  });

  it("a hang: that download fails at the pool's timeout with a clear message, the thread is replaced, the others are PDFs", async () => {
    await arm("hang", "for (;;) {}");
    const failed = oneFailedCleanly(await threeAtOnce());
    assert.ok(failed.ms >= 15_000 && failed.ms < 35_000, `failed at the 20 s timeout (${failed.ms} ms)`);
    const afterwards = await download(ids[3]!);
    assert.ok(afterwards.pdf && afterwards.ms < 10_000, `the replaced thread renders (${JSON.stringify(afterwards)})`);
    assert.equal((await fetch(`${server.baseUrl}/api/health`)).status, 200);
    // The hung thread was ended, not left spinning beside its replacement: the idle server uses little CPU.
    const cpu = () => fs.readFileSync(`/proc/${server.httpServerPid()}/stat`, "utf8").split(") ")[1]!.split(" ").slice(11, 13).reduce((sum, t) => sum + Number(t), 0);
    const before = cpu();
    await new Promise((r) => setTimeout(r, 2000));
    const ticks = cpu() - before; // clock ticks, 100 a second: a spinning thread would add about 200
    assert.ok(ticks < 100, `the idle server used ${ticks} ticks of CPU in 2 s`);
  });
});
