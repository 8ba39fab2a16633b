/**
 * `npm run bench [-- --quick]`: the performance suite (issue 8). Each figure is measured beside its
 * floor — the same work by the bare libraries — in the same run, the two sides interleaved run by
 * run after a warm-up. Full mode writes bench/RESULTS.md; --quick (CI) runs small sizes, prints, and
 * writes nothing, so the harness never rots.
 */
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium } from "playwright-core";
import { startServer, type RunningServer } from "../tests/e2e/support/server";
import { createTherapist, signInOverHttp } from "../tests/e2e/support/therapist";
import { CHROMIUM_PATH } from "../tests/e2e/support/browser";
import { fullIntakeV2 } from "../tests/fixtures/intakes";
import { findPostgresBinDir, startPostgresCluster } from "../tests/support/postgres-cluster";
import pg from "pg";
import { fmt, summarize, type Summary } from "./support/stats";
import { interleavedRounds, type SideRound, type Slice } from "./support/interleave";
import type { BenchRow } from "./support/row";

// Load average when the run began: a machine busy with other work makes every figure noisy (the ratios, measured interleaved, much less so).
const loadAtStart = os.loadavg()[0]!;
// --sections 3,4: run only those figures (3 and 4 bring their PostgreSQL rows; 4 brings 5 and 7,
// which share its server). In full mode the other rows of bench/RESULTS.md are kept, marked as such.
const { values } = parseArgs({ options: { quick: { type: "boolean", default: false }, sections: { type: "string" }, soak: { type: "string" } } });
// --soak MINUTES: only the soak run (bench/soak.ts), recorded in bench/SOAK.md and bench/RESULTS.md.
if (values.soak !== undefined) {
  const minutes = Number(values.soak);
  if (!Number.isFinite(minutes) || minutes <= 0 || minutes > 240) {
    console.error("--soak: give the number of minutes to run, from 0.5 to 240 (e.g. --soak 10)");
    process.exit(2);
  }
  const { runSoak, recordSoak } = await import("./soak");
  const section = await runSoak(minutes, (line) => console.log(line));
  console.log(section);
  recordSoak(section);
  console.log("Wrote bench/SOAK.md and its section of bench/RESULTS.md");
  process.exit(0);
}
const quick = values.quick;
const selected = values.sections ? new Set(values.sections.split(",").map((x) => Number(x.trim()))) : undefined;
if (selected?.has(4) || selected?.has(5) || selected?.has(7)) for (const id of [4, 5, 7]) selected.add(id);
const runs = (id: number) => !selected || selected.has(id);
const size = quick
  ? { pdfRuns: 3, memTotal: 20, memEarly: 5, posts: 200, postRounds: 1, intakes: 2000, dashRuns: 10, ttfbRuns: 10, assessN: 2000, lightRequests: 60, pgIntakes: 2000, pgPosts: 200, pgPostRounds: 1 }
  : { pdfRuns: 15, memTotal: 500, memEarly: 50, posts: 2000, postRounds: 3, intakes: 100000, dashRuns: 50, ttfbRuns: 50, assessN: 50000, lightRequests: 300, pgIntakes: 100000, pgPosts: 2000, pgPostRounds: 3 };

type Row = BenchRow;
const rows: Row[] = [];
const ms = (s: Summary) => `${fmt(s.median)} ms (${fmt(s.min)}–${fmt(s.max)})`;
const runTs = (file: string, args: string[] = [], env: Record<string, string> = {}, nodeFlags: string[] = []) =>
  // stderr inherited: a child's progress line (lib/cli/progress.ts) reaches the terminal.
  JSON.parse(execFileSync(process.execPath, [...nodeFlags, "bin/run.mjs", file, ...args], { encoding: "utf8", env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024, stdio: ["ignore", "pipe", "inherit"] }));
const log = (line: string) => console.log(line);
const limits = { RATE_LIMIT_LOGIN_PER_15MIN: "100000", RATE_LIMIT_SUBMIT_PER_HOUR: "1000000", DRAFTS_PER_HOUR: "1000000", DRAFT_SAVE_MB_PER_HOUR: "1000000" };

// 1. Summary PDF vs two floors drawing the same lines with the same fonts: pdfkit, and react-pdf plain text.
if (runs(1)) {
  log("1. therapist summary PDF vs pdfkit and plain react-pdf text …");
  const { renderPdf } = await import("@/lib/pdf/render-pdf");
  const { sampleSummaryInput } = await import("./support/sample-intake");
  const { renderFloorPdf, renderReactPdfFloor, summaryText } = await import("./children/pdf-floor");
  const first = runTs("bench/children/first-render.ts") as { firstRenderMs: number };
  const input = sampleSummaryInput();
  const lines = summaryText(input);
  for (let i = 0; i < 2; i++) {
    await renderPdf({ kind: "therapist-summary", input });
    await renderFloorPdf(lines);
    await renderReactPdfFloor(lines);
  }
  const app: number[] = [];
  const floor: number[] = [];
  const reactFloor: number[] = [];
  for (let i = 0; i < size.pdfRuns; i++) {
    let t = performance.now();
    await renderPdf({ kind: "therapist-summary", input });
    app.push(performance.now() - t);
    t = performance.now();
    await renderFloorPdf(lines);
    floor.push(performance.now() - t);
    t = performance.now();
    await renderReactPdfFloor(lines);
    reactFloor.push(performance.now() - t);
  }
  const a = summarize(app);
  const f = summarize(floor);
  const r = summarize(reactFloor);
  const ratio = a.median / r.median;
  const ratioPdfkit = a.median / f.median;
  rows.push({
    id: 1,
    what: "Therapist summary PDF of a full realistic v2 urgent intake (warm)",
    figure: `${ms(a)}; first render ${fmt(first.firstRenderMs, 0)} ms`,
    floor: `react-pdf, the same lines as plain Text in one flow: ${ms(r)}; pdfkit, same lines and fonts: ${ms(f)} (react-pdf floor ${fmt(r.median / f.median, 2)}× pdfkit)`,
    ratio: `${fmt(ratio, 2)}× react-pdf; ${fmt(ratioPdfkit, 2)}× pdfkit`,
    target: "≤ 1.5× react-pdf floor (stretch ≤ 4× pdfkit); first render ≤ 2 s",
    met: ratio <= 1.5 && first.firstRenderMs <= 2000,
    notes: ratioPdfkit <= 4 ? "stretch met" : "stretch missed",
  });
}

// 2. Memory over consecutive renders: in one thread (react-pdf's own behaviour), and through the
// server's worker pool, which retires each thread after RENDERS_PER_WORKER renders.
if (runs(2)) {
  log(`2. memory over ${size.memTotal} renders …`);
  execFileSync(process.execPath, ["scripts/build-pdf-worker.mjs"], { stdio: "ignore" });
  const thread = runTs("bench/children/pdf-memory.ts", [String(size.memTotal), String(size.memEarly)], {}, ["--expose-gc"]) as { heapEarly: number; heapEnd: number };
  const pool = runTs("bench/children/pool-memory.ts", [String(size.memTotal), String(size.memEarly)], {}, ["--expose-gc"]) as { rssEarly: number; rssEnd: number };
  const ratio = pool.rssEnd / pool.rssEarly;
  rows.push({
    id: 2,
    what: `Memory over ${size.memTotal} consecutive summary renders`,
    figure: `through the server's worker pool: resident ${fmt(pool.rssEarly / 1048576)} MB at render ${size.memEarly} → ${fmt(pool.rssEnd / 1048576)} MB at render ${size.memTotal}`,
    floor: `react-pdf in one thread, heap after GC: ${fmt(thread.heapEarly / 1048576)} → ${fmt(thread.heapEnd / 1048576)} MB (${fmt(thread.heapEnd / thread.heapEarly, 2)}×)`,
    ratio: `${fmt(ratio, 2)}×`,
    target: "≤ 1.1× (render 500 vs 50)",
    met: ratio <= 1.1,
  });
}

// 3. POST /api/intakes with 20 concurrent clients vs a bare node:http server doing the same work.
/** `total` requests from `concurrency` clients; client i posts to urls[i % urls.length] (a load split across instances). One slice of a round (bench/support/interleave.ts). */
async function load(target: string | string[], total: number, concurrency = 20): Promise<Slice> {
  const urls = Array.isArray(target) ? target : [target];
  const latencies: number[] = [];
  const errors: string[] = [];
  let next = 0;
  const body = JSON.stringify(fullIntakeV2({}, { submittedAt: undefined }));
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, client) => {
      const url = urls[client % urls.length]!;
      while (next < total) {
        next++;
        const t = performance.now();
        try {
          const r = await fetch(`${url}/api/intakes`, { method: "POST", headers: { "content-type": "application/json" }, body });
          await r.arrayBuffer();
          if (r.status !== 201) errors.push(`HTTP ${r.status}`);
        } catch (error) {
          errors.push((error as Error).message);
        }
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { ms: performance.now() - start, count: total, latencies, errors };
}
/** Each round's figures from its interleaved slices. */
const roundFigures = (runs: SideRound[]) => ({
  throughput: summarize(runs.map((r) => r.perSecond)),
  p99: Math.max(...runs.map((r) => summarize(r.latencies).p99)),
  created: runs.reduce((n, r) => n + r.count - r.errors.length, 0),
  errors: runs.reduce((n, r) => n + r.errors.length, 0),
});
const SLICES = quick ? 4 : 10;
const countRows = (dbPath: string) => Number(execFileSync("node", ["-e", `const D=require("better-sqlite3");const d=new D(${JSON.stringify(dbPath)},{readonly:true});console.log(d.prepare("select count(*) n from intakes").get().n)`], { encoding: "utf8" }).trim());
if (runs(3)) {
  log("3. POST /api/intakes, 20 concurrent clients, app vs bare node:http …");
  const app = await startServer(limits, { output: [] });
  const floorDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-floor-"));
  const floorEnv = { ...process.env, DATABASE_PATH: path.join(floorDir, "data", "intake.db"), KEYS_DIR: path.join(floorDir, "keys") };
  const floorChild = spawn(process.execPath, ["bin/run.mjs", "bench/children/floor-intake-server.ts"], { env: floorEnv, stdio: ["ignore", "pipe", "inherit"] });
  const floorUrl: string = await new Promise((resolve) => floorChild.stdout.once("data", (c: Buffer) => resolve(c.toString().trim())));
  await load(app.baseUrl, 50);
  await load(floorUrl, 50);
  const [appRuns, floorRuns] = await interleavedRounds(size.postRounds, SLICES, [() => load(app.baseUrl, size.posts / SLICES), () => load(floorUrl, size.posts / SLICES)]);
  const { throughput: appThroughput, p99, created, errors } = roundFigures(appRuns!);
  const { throughput: floorThroughput, p99: floorP99 } = roundFigures(floorRuns!);
  const stored = countRows(app.databasePath) - 50;
  floorChild.kill();
  app.stop();
  fs.rmSync(floorDir, { recursive: true, force: true });
  // Issue 20's targets hold in every round: each round's app slices against its floor slices, run in turn.
  const roundRatios = appRuns!.map((r, i) => r.perSecond / floorRuns![i]!.perSecond);
  const worst = Math.min(...roundRatios);
  const p99Ratio = p99 / floorP99;
  rows.push({
    id: 3,
    what: `POST /api/intakes on the production server, 20 concurrent clients, ${size.postRounds}×${size.posts} requests (each round ${SLICES} slices, app and floor in turn)`,
    figure: `${fmt(appThroughput.median, 0)}/s (${fmt(appThroughput.min, 0)}–${fmt(appThroughput.max, 0)}); p99 ${fmt(p99)} ms; ${errors} errors; ${created} × 201, ${stored} rows stored`,
    floor: `bare node:http, same parse/assess/encrypt/insert: ${fmt(floorThroughput.median, 0)}/s (${fmt(floorThroughput.min, 0)}–${fmt(floorThroughput.max, 0)}); p99 ${fmt(floorP99)} ms`,
    ratio: `${roundRatios.map((r) => `${fmt(r, 2)}×`).join(", ")} by round; p99 ${fmt(p99Ratio, 2)}×`,
    target: "≥ 0.7× throughput in every round; p99 ≤ 1.3× the floor's; no errors; rows = 201s",
    met: worst >= 0.7 && p99Ratio <= 1.3 && errors === 0 && stored === created,
  });
}

// 4 + 5 + 7. A server on a seeded database: dashboard, JavaScript shipped, a light page under PDF load.
if (runs(4)) {
  log(`4. seeding ${size.intakes} intakes …`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-dash-"));
  const env = { DATABASE_PATH: path.join(dataDir, "data", "intake.db"), KEYS_DIR: path.join(dataDir, "keys") };
  const seeded = runTs("bench/children/seed-intakes.ts", [String(size.intakes)], env) as { seconds: number };
  log(`   seeded in ${fmt(seeded.seconds)} s; data access vs raw SQL …`);
  const access = runTs("bench/children/dashboard-access.ts", [String(size.dashRuns)], env) as { appMs: number[]; floorMs: number[]; rows: number; total: number };
  const server: RunningServer = await startServer(limits, { dataDir, output: [] });
  process.env.E2E_DATABASE_PATH = server.databasePath;
  process.env.E2E_KEYS_DIR = server.keysDir;
  const cookie = await signInOverHttp(server.baseUrl, createTherapist("bench"));
  const ttfb: number[] = [];
  for (let i = 0; i < size.ttfbRuns + 3; i++) {
    const t = performance.now();
    const r = await fetch(`${server.baseUrl}/dashboard?status=new&triage=urgent`, { headers: { cookie } });
    const elapsed = performance.now() - t; // headers received: time to first byte
    if (r.status !== 200) throw new Error(`dashboard answered ${r.status}`);
    await r.arrayBuffer();
    if (i >= 3) ttfb.push(elapsed);
  }
  const a = summarize(access.appMs);
  const f = summarize(access.floorMs);
  const t = summarize(ttfb);
  rows.push({
    id: 4,
    what: `Dashboard first page (50 rows, urgent first, status + triage filters) with ${size.intakes.toLocaleString("en-CA")} intakes`,
    figure: `data access ${ms(a)}; whole page TTFB ${ms(t)} (session check and audit write included)`,
    floor: `raw SQL via better-sqlite3 + the same decryption: ${ms(f)}`,
    ratio: `${fmt(a.median / f.median, 2)}×`,
    target: "data access ≤ 1.5×; page TTFB ≤ 150 ms",
    met: a.median / f.median <= 1.5 && t.median <= 150,
    notes: `${access.total} intakes match the filters`,
  });

  // 5. JavaScript shipped for /intake, in Chromium, against a page with no client component.
  log("5. JavaScript shipped, measured in Chromium …");
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"] });
  async function scriptBytes(url: string): Promise<number> {
    const context = await browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    const scripts = new Set<string>();
    let bytes = 0;
    cdp.on("Network.responseReceived", (e: { requestId: string; type: string }) => {
      if (e.type === "Script") scripts.add(e.requestId);
    });
    cdp.on("Network.loadingFinished", (e: { requestId: string; encodedDataLength: number }) => {
      if (scripts.has(e.requestId)) bytes += e.encodedDataLength;
    });
    await page.goto(url, { waitUntil: "networkidle" });
    await context.close();
    return bytes;
  }
  const intakeBytes = await scriptBytes(`${server.baseUrl}/intake/consent`);
  const emptyBytes = await scriptBytes(`${server.baseUrl}/privacy`);
  await browser.close();
  rows.push({
    id: 5,
    what: "JavaScript transferred for /intake (gzip, Chromium)",
    figure: `${fmt(intakeBytes / 1024)} kB`,
    floor: `an App Router page with no client component (/privacy): ${fmt(emptyBytes / 1024)} kB`,
    ratio: `+${fmt((intakeBytes - emptyBytes) / 1024)} kB`,
    target: "≤ floor + 60 kB",
    met: intakeBytes - emptyBytes <= 60 * 1024,
  });

  // 7. A light page's p99 while 8 PDFs render.
  log("7. a light page while 8 PDFs render …");
  const created = await fetch(`${server.baseUrl}/api/intakes`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(fullIntakeV2({}, { submittedAt: undefined })) });
  const { id } = (await created.json()) as { id: string };
  async function lightPage(n: number) {
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      await (await fetch(`${server.baseUrl}/`)).arrayBuffer();
      times.push(performance.now() - t0);
    }
    return summarize(times);
  }
  await lightPage(20);
  const idle = await lightPage(size.lightRequests);
  let stop = false;
  const renderers = Array.from({ length: 8 }, async () => {
    while (!stop) await (await fetch(`${server.baseUrl}/api/intakes/${id}/pdf`, { headers: { cookie } })).arrayBuffer();
  });
  await new Promise((r) => setTimeout(r, 300));
  const busy = await lightPage(size.lightRequests);
  stop = true;
  await Promise.all(renderers);
  server.stop();
  rows.push({
    id: 7,
    what: "Landing page while 8 therapist PDFs render continuously",
    figure: `p99 ${fmt(busy.p99)} ms (median ${fmt(busy.median)})`,
    floor: `the same page idle: p99 ${fmt(idle.p99)} ms (median ${fmt(idle.median)})`,
    ratio: `+${fmt(busy.p99 - idle.p99)} ms`,
    target: "≤ idle p99 + 100 ms",
    met: busy.p99 <= idle.p99 + 100,
  });
}

// 6. assess() throughput on one core.
if (runs(6)) {
  log("6. assess() throughput …");
  const { assess, ruleSetFor } = await import("@/lib/assessment");
  const { parseIntake } = await import("@/lib/questionnaire");
  // Version-2 intakes (what the form sends): calm, urgent with the safety follow-ups, cardiac.
  const variants = [
    {},
    { phq9_9: 2, si_thoughts_past_month: "yes", si_intent: "no", si_plan: "no", lethal_means_access: ["stockpiled_medication"], safety_plan: "no" },
    { cardiovascular_history: ["stroke"], cardio_event_past_6_weeks: "no" },
  ].map((o) => {
    const p = parseIntake(fullIntakeV2(o), { receivedAt: new Date("2026-11-20T16:00:00Z"), timeZone: "America/Toronto", submittedAtPolicy: "recent" });
    if (!p.ok) throw new Error("fixture");
    return p.intake;
  });
  for (let i = 0; i < 2000; i++) assess(variants[i % 3]!.answers, variants[i % 3]!.referenceDate, ruleSetFor(variants[i % 3]!.version));
  const rates: number[] = [];
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    for (let i = 0; i < size.assessN; i++) assess(variants[i % 3]!.answers, variants[i % 3]!.referenceDate, ruleSetFor(variants[i % 3]!.version));
    rates.push(size.assessN / ((performance.now() - t0) / 1000));
  }
  const s = summarize(rates);
  rows.push({ id: 6, what: "assess() throughput, one core", figure: `${fmt(s.median, 0)} intakes/s (${fmt(s.min, 0)}–${fmt(s.max, 0)})`, floor: "—", ratio: "—", target: "≥ 20,000/s", met: s.median >= 20000 });
}

// 4 PG. The dashboard's first page on PostgreSQL: a throw-away cluster of its own (full durability
// settings), seeded, data access vs raw SQL through `pg`, then the page through the built server.
if (runs(4)) {
  log(`4 PG. PostgreSQL: seeding ${size.pgIntakes} intakes …`);
  const began = performance.now();
  const cluster = await startPostgresCluster({ fast: false });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-pgdash-"));
  const env = { DATABASE_URL: cluster.url, KEYS_DIR: path.join(dataDir, "keys"), DATABASE_PATH: path.join(dataDir, "data", "unused.db") };
  try {
    const seeded = runTs("bench/children/seed-intakes-pg.ts", [String(size.pgIntakes)], env) as { seconds: number };
    log(`   seeded in ${fmt(seeded.seconds)} s (${fmt(size.pgIntakes / seeded.seconds, 0)}/s); data access vs raw SQL via pg …`);
    const access = runTs("bench/children/dashboard-access-pg.ts", [String(size.dashRuns)], env) as { appMs: number[]; floorMs: number[]; rows: number; total: number };
    const server = await startServer({ ...limits, DATABASE_URL: cluster.url }, { dataDir, output: [] });
    const ttfb: number[] = [];
    try {
      process.env.DATABASE_URL = cluster.url; // the users CLI writes the therapist to the same database
      process.env.E2E_KEYS_DIR = server.keysDir;
      const cookie = await signInOverHttp(server.baseUrl, createTherapist("pgbench"));
      delete process.env.DATABASE_URL;
      for (let i = 0; i < size.ttfbRuns + 3; i++) {
        const t = performance.now();
        const r = await fetch(`${server.baseUrl}/dashboard?status=new&triage=urgent`, { headers: { cookie } });
        const elapsed = performance.now() - t;
        if (r.status !== 200) throw new Error(`dashboard on PostgreSQL answered ${r.status}`);
        await r.arrayBuffer();
        if (i >= 3) ttfb.push(elapsed);
      }
    } finally {
      delete process.env.DATABASE_URL;
      server.stop();
    }
    const a = summarize(access.appMs);
    const f = summarize(access.floorMs);
    const t = summarize(ttfb);
    rows.push({
      id: 4.5,
      label: "4 PG",
      what: `The same dashboard page on PostgreSQL with ${size.pgIntakes.toLocaleString("en-CA")} intakes (seeded in ${fmt(seeded.seconds, 0)} s)`,
      figure: `data access ${ms(a)}; whole page TTFB ${ms(t)} (session check and audit write included)`,
      floor: `raw SQL via pg + the same decryption: ${ms(f)}`,
      ratio: `${fmt(a.median / f.median, 2)}×`,
      target: "data access ≤ 1.5×; page TTFB ≤ 150 ms",
      met: a.median / f.median <= 1.5 && t.median <= 150,
      notes: `${access.total} intakes match the filters`,
    });
  } finally {
    await cluster.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    log(`   (${fmt((performance.now() - began) / 1000)} s with the cluster's start and stop)`);
  }
}

// 3 PG. POST /api/intakes on PostgreSQL, 20 concurrent clients: one instance, the bare node:http
// floor (its own database on the same cluster), then two instances on the cluster (the clients split
// between them), interleaved round by round. A cluster of its own with full durability settings
// (fsync on), as SQLite's synchronous=FULL.
if (runs(3)) {
  log("3 PG. PostgreSQL: POST /api/intakes, 20 concurrent clients, one instance vs the bare node:http floor vs two instances …");
  const began = performance.now();
  const cluster = await startPostgresCluster({ fast: false });
  const shared = fs.mkdtempSync(path.join(os.tmpdir(), "bench-pgpost-"));
  const env = { ...limits, DATABASE_URL: cluster.url, KEYS_DIR: path.join(shared, "keys") };
  let one: RunningServer | undefined;
  let two: RunningServer | undefined;
  let floorChild: ReturnType<typeof spawn> | undefined;
  try {
    // The floor writes to its own database on the same cluster (same fsync, same disk), so each side counts its own rows.
    const admin = new pg.Client({ connectionString: cluster.adminUrl });
    await admin.connect();
    await admin.query(`create database floor owner ${cluster.user}`);
    await admin.end();
    const floorDbUrl = cluster.url.replace(/\/[^/]+$/, "/floor");
    floorChild = spawn(process.execPath, ["bin/run.mjs", "bench/children/floor-intake-server.ts"], {
      env: { ...process.env, DATABASE_URL: floorDbUrl, KEYS_DIR: path.join(shared, "floor-keys") },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const floorUrl: string = await new Promise((resolve) => floorChild!.stdout!.once("data", (c: Buffer) => resolve(c.toString().trim())));
    // One after the other: the second finds the first's keys.
    one = await startServer(env, { output: [] });
    two = await startServer(env, { output: [] });
    await load(one.baseUrl, 50);
    await load(floorUrl, 50);
    await load([one.baseUrl, two.baseUrl], 50);
    const [single, floorRuns, double] = await interleavedRounds(size.pgPostRounds, SLICES, [
      () => load(one!.baseUrl, size.pgPosts / SLICES),
      () => load(floorUrl, size.pgPosts / SLICES),
      () => load([one!.baseUrl, two!.baseUrl], size.pgPosts / SLICES),
    ]);
    const client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    const stored = Number((await client.query<{ n: string }>("select count(*) as n from intakes")).rows[0]!.n) - 100;
    await client.end();
    const a1 = roundFigures(single!);
    const a2 = roundFigures(double!);
    const fl = roundFigures(floorRuns!);
    const created = a1.created + a2.created;
    const errors = a1.errors + a2.errors;
    const [s1, s2, f] = [a1.throughput, a2.throughput, fl.throughput];
    const [p99One, p99Two, p99Floor] = [a1.p99, a2.p99, fl.p99];
    const roundRatios = single!.map((r, i) => r.perSecond / floorRuns![i]!.perSecond);
    const ratio = s2.median / s1.median;
    rows.push({
      id: 3.5,
      label: "3 PG",
      what: `POST /api/intakes on PostgreSQL, 20 concurrent clients, ${size.pgPostRounds}×${size.pgPosts} requests each way (each round ${SLICES} slices in turn): one instance, the floor, two instances on one cluster`,
      figure: `one instance: ${fmt(s1.median, 0)}/s (${fmt(s1.min, 0)}–${fmt(s1.max, 0)}); p99 ${fmt(p99One)} ms. Two instances: ${fmt(s2.median, 0)}/s (${fmt(s2.min, 0)}–${fmt(s2.max, 0)}); p99 ${fmt(p99Two)} ms. ${errors} errors (both ways); ${created} × 201, ${stored} rows stored`,
      floor: `bare node:http, same parse/assess/encrypt/insert, same cluster: ${fmt(f.median, 0)}/s (${fmt(f.min, 0)}–${fmt(f.max, 0)}); p99 ${fmt(p99Floor)} ms`,
      ratio: `one instance ÷ floor ${roundRatios.map((r) => `${fmt(r, 2)}×`).join(", ")} by round, p99 ${fmt(p99One / p99Floor, 2)}×; two ÷ one ${fmt(ratio, 2)}×`,
      target: "one instance ≥ 0.7× the floor in every round, p99 ≤ 1.3× the floor's; two ≥ 1× one; no errors; rows = 201s",
      met: Math.min(...roundRatios) >= 0.7 && p99One / p99Floor <= 1.3 && ratio >= 1 && errors === 0 && stored === created,
    });
  } finally {
    floorChild?.kill();
    one?.stop();
    two?.stop();
    await cluster.stop();
    fs.rmSync(shared, { recursive: true, force: true });
    log(`   (${fmt((performance.now() - began) / 1000)} s with the cluster's start and stop)`);
  }
}

// 8. The course progress summary PDF vs pdfkit (bench/sections/progress-pdf.ts).
if (runs(8)) rows.push(...(await (await import("./sections/progress-pdf")).progressPdfRows({ runs: size.pdfRuns, log })));

// 9. The course page with 30 sessions and 30 check-ins (bench/sections/course-page.ts).
if (runs(9)) {
  log("9. course page TTFB, 30 sessions and 30 check-ins, vs the timeline on bare node:http …");
  rows.push(...(await (await import("./sections/course-page")).coursePageSection({ id: 9, quick, limits })));
}

// 10. The review-queue CSV export's peak memory, streamed vs in memory (bench/sections/csv-export.ts).
if (runs(10)) {
  log("10. CSV export memory …");
  rows.push(...(await (await import("./sections/csv-export")).csvExportSection({ quick })));
}

// 11. The clinic outcome report over seeded encrypted courses (bench/sections/clinic-report.ts).
if (runs(11)) {
  log("11. clinic outcome report …");
  const { clinicReportSection } = await import("./sections/clinic-report");
  rows.push(...(await clinicReportSection({ id: 11, quick, log, env: limits })));
}

// 12–13. A check-in's send, and a whole check-in through its pages, vs the same features on bare node:http (bench/sections/checkin-submit.ts).
if (runs(12)) {
  log("12. check-in send, 20 concurrent clients, app vs bare node:http …");
  rows.push(...(await (await import("./sections/checkin-submit")).checkinSendSection({ id: 12, quick, limits, log })));
  log("12 PG. the same on PostgreSQL …");
  rows.push(...(await (await import("./sections/checkin-submit")).checkinSendPgSection({ id: 12, quick, limits, log })));
}
if (runs(13)) {
  log("13. a whole check-in through its pages, 20 concurrent clients …");
  rows.push(...(await (await import("./sections/checkin-submit")).checkinJourneySection({ id: 13, quick, limits, log })));
}

// Rows of the previous bench/RESULTS.md for figures not run this time (--sections, full mode only).
const previous = !quick && selected && fs.existsSync("bench/RESULTS.md") ? fs.readFileSync("bench/RESULTS.md", "utf8") : "";
const previousRun = /^Run (\S+ \S+) UTC/m.exec(previous)?.[1];
// Only the results table's rows (the soak section below it has numbered rows of its own).
const kept = previous
  .slice(0, Math.max(0, previous.search(/^\d+ of \d+ targets met\./m)))
  .split("\n")
  .filter((line) => /^\| \d+( PG)? \|/.test(line))
  .map((line) => {
    const label = line.split("|")[1]!.trim();
    const id = Number.parseInt(label, 10) + (label.endsWith("PG") ? 0.5 : 0);
    return { id, line, met: !line.includes("**missed**") };
  })
  .filter((r) => !runs(Math.floor(r.id)));
const lines = [
  ...rows.map((r) => ({ id: r.id, met: r.met, line: `| ${r.label ?? r.id} | ${r.what} | ${r.figure} | ${r.floor} | ${r.ratio} | ${r.target} | ${r.met ? "met" : "**missed**"}${r.notes ? ` (${r.notes})` : ""} |` })),
  ...kept,
].sort((a, b) => a.id - b.id);
const table = ["| # | what | figure (median, min–max) | floor, same run | ratio | target | |", "|---|---|---|---|---|---|---|", ...lines.map((l) => l.line)].join("\n");
console.log(`\n${table}\n`);
const missed = lines.filter((r) => !r.met).length;
console.log(`${lines.length - missed} targets met, ${missed} missed${quick ? " (quick mode: small sizes, not the figures of record)" : ""}`);
const keptNote = kept.length > 0 ? `\nRows ${kept.map((k) => (k.id % 1 ? `${Math.floor(k.id)} PG` : k.id)).join(", ")} are from the run of ${previousRun ?? "an earlier date"} UTC (not re-run: \`--sections ${values.sections}\`).\n` : "";

if (!quick) {
  const versions = (name: string) => JSON.parse(fs.readFileSync(path.join("node_modules", name, "package.json"), "utf8")).version as string;
  const header = [
    "# Benchmark results",
    "",
    `Run ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC with \`npm run bench\` on ${os.cpus()[0]?.model ?? "unknown CPU"} × ${os.cpus().length} cores, ${fmt(os.totalmem() / 2 ** 30, 0)} GiB, ${os.platform()} ${os.release()}.`,
    `Node ${process.versions.node}; next ${versions("next")}, react ${versions("react")}, @react-pdf/renderer ${versions("@react-pdf/renderer")}, pdfkit ${versions("pdfkit")}, better-sqlite3 ${versions("better-sqlite3")}, better-auth ${versions("better-auth")}, pg ${versions("pg")}; PostgreSQL ${path.basename(path.dirname(findPostgresBinDir()))} (Debian's binaries).`,
    "",
    "Method: each figure beside its floor (the same work by the bare libraries), measured in the same run, the two sides interleaved run by run after a warm-up (the throughput rows slice by slice within each round); medians with min–max over the runs. Servers are the production build behind `scripts/http-server.mjs`, with rate limits raised. The PostgreSQL rows (3 PG, 4 PG, 12 PG) each run on a throw-away cluster the bench starts and stops (tests/support/postgres-cluster.ts, fsync on), the servers with DATABASE_URL. Regenerate with `npm run bench` (about 35 minutes); `npm run bench -- --quick` runs small sizes in CI.",
    ...(loadAtStart > os.cpus().length * 0.75
      ? ["", `**Noisy run:** the machine was shared with other work (load average ${fmt(loadAtStart, 1)} on ${os.cpus().length} cores when the run began), so absolute figures are slower and more spread than on an idle machine; the ratios, both sides interleaved in the same run, are what count.`]
      : []),
    "",
    "",
  ].join("\n");
  const notes = fs.existsSync("bench/NOTES.md") ? `\n${fs.readFileSync("bench/NOTES.md", "utf8")}` : "";
  // The latest soak run (--soak) stays in the results until the next soak replaces it.
  const soak = fs.existsSync("bench/SOAK.md") ? `\n${fs.readFileSync("bench/SOAK.md", "utf8")}` : "";
  fs.writeFileSync("bench/RESULTS.md", `${header}${table}\n${keptNote}\n${lines.length - missed} of ${lines.length} targets met.\n${notes}${soak}`);
  console.log("Wrote bench/RESULTS.md");
}
process.exit(0);
