/**
 * The check-in's submission through the production server (issue 20, item 1: "the same for a
 * check-in submission once courses exist"), two rows:
 *
 * 12 — the send itself, as the review page's script makes it (POST /check-in/send with the
 *      check-in's cookie), 20 concurrent clients, each with its own check-in started and answered
 *      beforehand (seeded through lib/course-records in a child process). Beside it the floor:
 *      submitCheckin on bare node:http, the session token in a header. Rounds interleaved after a
 *      warm-up; issue 20's targets, as for POST /api/intakes (row 3).
 * 13 — the whole check-in as a browser without JavaScript makes it: the link page, Start, the
 *      date-of-birth page and its post, each step's page and its post (the server action's own
 *      hidden fields read from the page), the review page and the send — 15 requests. Its floor
 *      makes the same feature calls (openCheckin, startCheckin, currentCheckin before each page,
 *      parseCheckinStep + saveCheckinDraft per step, submitCheckin) on bare node:http but renders no
 *      HTML, so the ratio is context; the target is what a person pressing Continue waits.
 */
import { execFileSync, spawn } from "node:child_process";
import { CHECKIN_SEND_PATH } from "@/lib/checkin-flow/send-state";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startServer } from "../../tests/e2e/support/server";
import { startPostgresCluster } from "../../tests/support/postgres-cluster";
import { CHECKIN_SECTIONS } from "@/lib/checkin-flow/steps";
import { toFormValues } from "@/lib/intake-wizard/form-values";
import { CALM_CHECKIN as ANSWERS, CHECKIN_SENT, checkinUpToReview, formSession } from "../../tests/e2e/support/checkin-http";
import { fmt, summarize } from "../support/stats";
import { interleavedRounds, type SideRound, type Slice } from "../support/interleave";
import type { BenchRow } from "../support/row";


const CLIENTS = 20;
const WARM_UP = 20;

/** One client, one check-in, as a browser without scripts (tests/e2e/support/checkin-http.ts): 15 requests. Returns every request's latency (ms), the send's last. */
async function appCheckin(baseUrl: string, token: string, address: string, dateOfBirth: string): Promise<number[]> {
  const plain = formSession(baseUrl, address);
  const times: number[] = [];
  const timed =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const t = performance.now();
      const result = await call(...args);
      times.push(performance.now() - t);
      return result;
    };
  const session = { ...plain, get: timed(plain.get), post: timed(plain.post) };
  const send = await checkinUpToReview(session, token, dateOfBirth);
  const sent = await session.post("/check-in/step/review", send);
  if (sent.status !== 200 || !sent.text.includes(CHECKIN_SENT)) throw new Error(`the send answered ${sent.status} without the confirmation`);
  return times;
}

/** The send as the review page's script makes it: one POST with the check-in's cookie. */
async function appSend(baseUrl: string, session: string, address: string): Promise<number[]> {
  const t = performance.now();
  const r = await fetch(`${baseUrl}${CHECKIN_SEND_PATH}`, {
    method: "POST",
    headers: { origin: new URL(baseUrl).origin, "sec-fetch-site": "same-origin", accept: "application/json", cookie: `checkin_draft=${session}`, "x-forwarded-for": address },
  });
  const reply = (await r.json()) as { status?: string };
  const ms = performance.now() - t;
  if (r.status !== 200 || reply.status !== "sent") throw new Error(`the send answered ${r.status} ${JSON.stringify(reply)}`);
  return [ms];
}

/** The floor's send: submitCheckin for the session, on bare node:http. */
async function floorSend(floorUrl: string, session: string, address: string): Promise<number[]> {
  const t = performance.now();
  const r = await fetch(`${floorUrl}/send`, { method: "POST", headers: { "content-type": "application/json", "x-session": session }, body: JSON.stringify({ address }) });
  const reply = await r.json();
  const ms = performance.now() - t;
  if (r.status !== 201) throw new Error(`floor /send answered ${r.status} ${JSON.stringify(reply)}`);
  return [ms];
}

/** The same check-in against the floor: 13 calls of the same features. Returns every call's latency (ms), the send's last. */
async function floorCheckin(floorUrl: string, token: string, address: string, dateOfBirth: string): Promise<number[]> {
  let session = "";
  const times: number[] = [];
  const call = async (p: string, body: Record<string, unknown>, expect: number) => {
    const t = performance.now();
    const r = await fetch(`${floorUrl}${p}`, { method: "POST", headers: { "content-type": "application/json", "x-session": session }, body: JSON.stringify({ address, ...body }) });
    const reply = (await r.json()) as Record<string, unknown>;
    times.push(performance.now() - t);
    if (r.status !== expect) throw new Error(`floor ${p} answered ${r.status} ${JSON.stringify(reply)}`);
    return reply;
  };
  await call("/open", { token }, 200);
  session = String((await call("/start", { token, dateOfBirth }, 201)).session);
  for (const section of CHECKIN_SECTIONS) {
    await call("/read", {}, 200);
    await call("/save", { section: section.id, values: toFormValues(section, ANSWERS) }, 200);
  }
  await call("/read", {}, 200);
  await call("/send", {}, 201);
  return times;
}

/** `tokens` (links, or started sessions) shared among CLIENTS concurrent clients, each job from its own address: one slice of a round (bench/support/interleave.ts). */
async function round(tokens: string[], addressBase: number, one: (token: string, address: string) => Promise<number[]>): Promise<Slice> {
  const queue = tokens.map((token, i) => ({ token, address: `10.${Math.floor((addressBase + i) / 65536) % 256}.${Math.floor((addressBase + i) / 256) % 256}.${(addressBase + i) % 256}` }));
  const latencies: number[] = [];
  const errors: string[] = [];
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      for (let job = queue.shift(); job; job = queue.shift()) {
        try {
          latencies.push(...(await one(job.token, job.address)));
        } catch (error) {
          errors.push((error as Error).message);
        }
      }
    }),
  );
  return { ms: performance.now() - start, count: tokens.length, latencies, errors };
}

const countCheckins = (dbPath: string) =>
  Number(execFileSync(process.execPath, ["-e", `const D=require("better-sqlite3");const d=new D(${JSON.stringify(dbPath)},{readonly:true});console.log(d.prepare("select count(*) n from checkins").get().n)`], { encoding: "utf8" }).trim());

async function countPgCheckins(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query<{ n: string }>("select count(*) as n from checkins")).rows[0]!.n);
  } finally {
    await client.end();
  }
}

interface Seeded {
  dataDir: string;
  env: NodeJS.ProcessEnv;
  tokens: string[];
  /** With `started`: each link's session (the cookie's value), its draft answered in full. */
  sessions: string[];
  dateOfBirth: string;
  seconds: number;
}

/** Seeds both sides' databases at once (one child process each: two cores); `databases` = each side's DATABASE_URL (PostgreSQL), else SQLite files. */
async function seedBoth(n: number, started: boolean, databases?: [string, string]): Promise<[Seeded, Seeded]> {
  const one = async (side: 0 | 1): Promise<Seeded> => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-checkin-"));
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_PATH: path.join(dataDir, "data", "intake.db"), KEYS_DIR: path.join(dataDir, "keys"), ...(databases ? { DATABASE_URL: databases[side] } : {}) };
    const child = spawn(process.execPath, ["bin/run.mjs", "bench/children/seed-checkin-links.ts", String(n), ...(started ? ["started"] : [])], { env, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    if (code !== 0) throw new Error(`seeding check-ins failed (${code})`);
    return { dataDir, env, ...JSON.parse(out) };
  };
  return Promise.all([one(0), one(1)]);
}

/** Jobs per round, cut into `slices` run in turn with the floor's (bench/support/interleave.ts). */
interface Plan {
  warmUp: number;
  rounds: number;
  perRound: number;
  slices: number;
}

interface Options {
  id: number;
  quick: boolean;
  limits: Record<string, string>;
  log: (line: string) => void;
}

/** Both servers over their seeded databases, the rounds interleaved after a warm-up; the rounds' figures. */
async function measure(options: Options, seeds: [Seeded, Seeded], plan: Plan, jobs: (s: Seeded) => string[], app: (baseUrl: string, s: Seeded) => (job: string, address: string) => Promise<number[]>, floor: (floorUrl: string, s: Seeded) => (job: string, address: string) => Promise<number[]>) {
  const [appSeed, floorSeed] = seeds;
  // Each client is its own phone: behind a proxy (TRUST_PROXY), its own address, so the per-address limits count each once.
  const server = await startServer({ ...options.limits, TRUST_PROXY: "true", ...(appSeed.env.DATABASE_URL ? { DATABASE_URL: appSeed.env.DATABASE_URL } : {}) }, { dataDir: appSeed.dataDir, output: [] });
  const floorChild = spawn(process.execPath, ["bin/run.mjs", "bench/children/floor-checkin-server.ts"], { env: floorSeed.env, stdio: ["ignore", "pipe", "inherit"] });
  try {
    const floorUrl: string = await new Promise((resolve) => floorChild.stdout.once("data", (c: Buffer) => resolve(c.toString().trim())));
    const appOne = app(server.baseUrl, appSeed);
    const floorOne = floor(floorUrl, floorSeed);
    const appJobs = jobs(appSeed);
    const floorJobs = jobs(floorSeed);
    const warm = [await round(appJobs.slice(0, plan.warmUp), 0, appOne), await round(floorJobs.slice(0, plan.warmUp), 0, floorOne)];
    const perSlice = plan.perRound / plan.slices;
    const side = (list: string[], one: (job: string, address: string) => Promise<number[]>) => (slice: number) => {
      const from = plan.warmUp + slice * perSlice;
      return round(list.slice(from, from + perSlice), from, one);
    };
    const [appRuns, floorRuns] = (await interleavedRounds(plan.rounds, plan.slices, [side(appJobs, appOne), side(floorJobs, floorOne)])) as [SideRound[], SideRound[]];
    const errors = [...warm.slice(0, 1), ...appRuns].flatMap((r) => r.errors);
    const floorErrors = [...floorRuns, warm[1]!].flatMap((r) => r.errors);
    if (errors.length > 0) options.log(`   app errors: ${[...new Set(errors)].slice(0, 3).join("; ")}`);
    if (floorErrors.length > 0) throw new Error(`the floor failed: ${[...new Set(floorErrors)].slice(0, 3).join("; ")}`);
    if (appRuns.some((r) => r.count === r.errors.length)) throw new Error(`no check-in was sent through the app: ${[...new Set(errors)].slice(0, 3).join("; ")}`);
    const sent = [...warm.slice(0, 1), ...appRuns].reduce((n, r) => n + r.count - r.errors.length, 0);
    return { appRuns, floorRuns, errors, sent, stored: appSeed.env.DATABASE_URL ? await countPgCheckins(appSeed.env.DATABASE_URL) : countCheckins(server.databasePath) };
  } finally {
    floorChild.kill();
    server.stop();
    fs.rmSync(floorSeed.dataDir, { recursive: true, force: true });
    fs.rmSync(appSeed.dataDir, { recursive: true, force: true });
  }
}

/** Row 12 (and 12 PG): the send (the submission itself) against submitCheckin on bare node:http. */
export async function checkinSendSection(options: Options): Promise<BenchRow[]> {
  return [await sendRow(options)];
}

/** Row 12 PG: the same on a throw-away PostgreSQL cluster (fsync on), each side its own database on it. */
export async function checkinSendPgSection(options: Options): Promise<BenchRow[]> {
  const cluster = await startPostgresCluster({ fast: false });
  try {
    const admin = new pg.Client({ connectionString: cluster.adminUrl });
    await admin.connect();
    await admin.query(`create database floor owner ${cluster.user}`);
    await admin.end();
    return [await sendRow({ ...options, id: 12.5 }, [cluster.url, cluster.url.replace(/\/[^/]+$/, "/floor")])];
  } finally {
    await cluster.stop();
  }
}

async function sendRow(options: Options, databases?: [string, string]): Promise<BenchRow> {
  const plan: Plan = options.quick ? { warmUp: 50, rounds: 1, perRound: 100, slices: 2 } : { warmUp: 100, rounds: 3, perRound: 500, slices: 5 };
  const needed = plan.warmUp + plan.rounds * plan.perRound;
  options.log(`   seeding ${needed} started, fully answered check-ins on each side …`);
  const seeds = await seedBoth(needed, true, databases);
  const m = await measure(
    options,
    seeds,
    plan,
    (s) => s.sessions,
    (baseUrl) => (session, address) => appSend(baseUrl, session, address),
    (floorUrl) => (session, address) => floorSend(floorUrl, session, address),
  );
  const a = summarize(m.appRuns.map((r) => r.perSecond));
  const f = summarize(m.floorRuns.map((r) => r.perSecond));
  const p99 = summarize(m.appRuns.flatMap((r) => r.latencies)).p99;
  const floorP99 = summarize(m.floorRuns.flatMap((r) => r.latencies)).p99;
  const ratios = m.appRuns.map((r, i) => r.perSecond / m.floorRuns[i]!.perSecond);
  const where = databases ? "on PostgreSQL (the floor's database on the same cluster)" : "on the production server";
  return {
    id: options.id,
    ...(databases ? { label: `${Math.floor(options.id)} PG` } : {}),
    what: `The check-in's send (POST ${CHECKIN_SEND_PATH}, as the review page's script makes it) ${where}, ${CLIENTS} concurrent clients, ${plan.rounds}×${plan.perRound} check-ins, each started and answered beforehand (each round ${plan.slices} slices, app and floor in turn)`,
    figure: `${fmt(a.median, 0)}/s (${fmt(a.min, 0)}–${fmt(a.max, 0)}); p99 ${fmt(p99)} ms; ${m.errors.length} errors; ${m.sent} × sent, ${m.stored} rows stored`,
    floor: `bare node:http, the same submitCheckin (decrypt the draft, validate, flags, encrypt, insert, link used, audit): ${fmt(f.median, 0)}/s (${fmt(f.min, 0)}–${fmt(f.max, 0)}); p99 ${fmt(floorP99)} ms`,
    ratio: `${ratios.map((r) => `${fmt(r, 2)}×`).join(", ")} by round; p99 ${fmt(p99 / floorP99, 2)}×`,
    target: "≥ 0.7× throughput in every round; p99 ≤ 1.3× the floor's; no errors; rows = sends",
    met: Math.min(...ratios) >= 0.7 && p99 / floorP99 <= 1.3 && m.errors.length === 0 && m.stored === m.sent,
    notes: `seeded through lib/course-records in ${fmt(seeds[0].seconds)} s`,
  };
}

/** Row 13: a whole check-in through its pages, as a browser without JavaScript. */
export async function checkinJourneySection(options: Options): Promise<BenchRow[]> {
  const plan: Plan = options.quick ? { warmUp: 20, rounds: 1, perRound: 40, slices: 2 } : { warmUp: 20, rounds: 3, perRound: 200, slices: 4 };
  const needed = plan.warmUp + plan.rounds * plan.perRound;
  options.log(`   seeding ${needed} check-in links on each side …`);
  const seeds = await seedBoth(needed, false);
  const m = await measure(
    options,
    seeds,
    plan,
    (s) => s.tokens,
    (baseUrl, s) => (token, address) => appCheckin(baseUrl, token, address, s.dateOfBirth),
    (floorUrl, s) => (token, address) => floorCheckin(floorUrl, token, address, s.dateOfBirth),
  );
  const a = summarize(m.appRuns.map((r) => r.perSecond));
  const f = summarize(m.floorRuns.map((r) => r.perSecond));
  const requests = summarize(m.appRuns.flatMap((r) => r.latencies));
  const ratios = m.appRuns.map((r, i) => r.perSecond / m.floorRuns[i]!.perSecond);
  return [
    {
      id: options.id,
      what: `A whole check-in through its pages on the production server, ${CLIENTS} concurrent clients, ${plan.rounds}×${plan.perRound} check-ins (each: link page, Start, date of birth, ${CHECKIN_SECTIONS.length} steps' pages and posts, review, send — 15 requests, no JavaScript; each round ${plan.slices} slices in turn with the floor)`,
      figure: `${fmt(a.median, 1)} check-ins/s (${fmt(a.min, 1)}–${fmt(a.max, 1)}); each request median ${fmt(requests.median)} ms, p99 ${fmt(requests.p99)} ms; ${m.errors.length} errors; ${m.sent} confirmations, ${m.stored} rows stored`,
      floor: `the same features on bare node:http as JSON, no HTML rendered (13 requests): ${fmt(f.median, 1)}/s (${fmt(f.min, 1)}–${fmt(f.max, 1)})`,
      ratio: `${ratios.map((r) => `${fmt(r, 2)}×`).join(", ")} by round (context: the floor renders no page)`,
      target: "every request's p99 ≤ 1 s with 20 people checking in at once; no errors; rows = confirmations",
      met: requests.p99 <= 1000 && m.errors.length === 0 && m.stored === m.sent,
      notes: `links seeded in ${fmt(seeds[0].seconds)} s`,
    },
  ];
}
