/**
 * A check-in submission through the production server (issue 20, item 1: "the same for a check-in
 * submission once courses exist"). Each check-in has its own link, seeded through lib/course-records
 * in a child process; 20 concurrent clients then make the HTTP requests a browser without
 * JavaScript makes: the link page, Start, the date-of-birth page and its post, each step's page and
 * its post (the server action's own hidden fields read from the page), the review page and the send.
 * Beside it a floor: the same features (openCheckin, startCheckin, currentCheckin before each page,
 * parseCheckinStep + saveCheckinDraft per step, submitCheckin) on a bare node:http server, one
 * request per call. Rounds interleaved after a warm-up; targets as issue 20's for POST /api/intakes.
 */
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startServer } from "../../tests/e2e/support/server";
import { CHECKIN_SECTIONS } from "@/lib/checkin-flow/steps";
import { toFormValues } from "@/lib/intake-wizard/form-values";
import { CALM_CHECKIN as ANSWERS, CHECKIN_SENT, checkinUpToReview, formSession } from "../../tests/e2e/support/checkin-http";
import { fmt, summarize } from "../support/stats";
import type { BenchRow } from "../support/row";


const CLIENTS = 20;
const WARM_UP = 20;

/** One client, one check-in, as a browser without scripts (tests/e2e/support/checkin-http.ts): 15 requests. Returns the send's latency (ms). */
async function appCheckin(baseUrl: string, token: string, address: string, dateOfBirth: string): Promise<number> {
  const session = formSession(baseUrl, address);
  const send = await checkinUpToReview(session, token, dateOfBirth);
  const t = performance.now();
  const sent = await session.post("/check-in/step/review", send);
  const ms = performance.now() - t;
  if (sent.status !== 200 || !sent.text.includes(CHECKIN_SENT)) throw new Error(`the send answered ${sent.status} without the confirmation`);
  return ms;
}

/** The same check-in against the floor: 13 calls of the same features. */
async function floorCheckin(floorUrl: string, token: string, address: string, dateOfBirth: string): Promise<number> {
  let session = "";
  const call = async (p: string, body: Record<string, unknown>, expect: number) => {
    const r = await fetch(`${floorUrl}${p}`, { method: "POST", headers: { "content-type": "application/json", "x-session": session }, body: JSON.stringify({ address, ...body }) });
    const reply = (await r.json()) as Record<string, unknown>;
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
  const t = performance.now();
  await call("/send", {}, 201);
  return performance.now() - t;
}

interface Round {
  perSecond: number;
  sendMs: number[];
  sent: number;
  errors: string[];
}

async function round(tokens: string[], addressBase: number, one: (token: string, address: string) => Promise<number>): Promise<Round> {
  const queue = tokens.map((token, i) => ({ token, address: `10.${Math.floor((addressBase + i) / 65536) % 256}.${Math.floor((addressBase + i) / 256) % 256}.${(addressBase + i) % 256}` }));
  const sendMs: number[] = [];
  const errors: string[] = [];
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      for (let job = queue.shift(); job; job = queue.shift()) {
        try {
          sendMs.push(await one(job.token, job.address));
        } catch (error) {
          errors.push((error as Error).message);
        }
      }
    }),
  );
  return { perSecond: tokens.length / ((performance.now() - start) / 1000), sendMs, sent: sendMs.length, errors };
}

const countCheckins = (dbPath: string) =>
  Number(execFileSync(process.execPath, ["-e", `const D=require("better-sqlite3");const d=new D(${JSON.stringify(dbPath)},{readonly:true});console.log(d.prepare("select count(*) n from checkins").get().n)`], { encoding: "utf8" }).trim());

function seed(n: number): { dataDir: string; env: NodeJS.ProcessEnv; tokens: string[]; dateOfBirth: string; seconds: number } {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-checkin-"));
  const env = { ...process.env, DATABASE_PATH: path.join(dataDir, "data", "intake.db"), KEYS_DIR: path.join(dataDir, "keys") };
  const seeded = JSON.parse(execFileSync(process.execPath, ["bin/run.mjs", "bench/children/seed-checkin-links.ts", String(n)], { encoding: "utf8", env, stdio: ["ignore", "pipe", "inherit"] }));
  return { dataDir, env, ...seeded };
}

export async function checkinSubmitSection(options: { id: number; quick: boolean; limits: Record<string, string>; log: (line: string) => void }): Promise<BenchRow[]> {
  const rounds = options.quick ? 1 : 3;
  const perRound = options.quick ? 40 : 200;
  const needed = WARM_UP + rounds * perRound;
  options.log(`   seeding ${needed} check-in links on each side …`);
  const appSeed = seed(needed);
  const floorSeed = seed(needed);
  // Each client is its own phone: behind a proxy (TRUST_PROXY), its own address, so the per-address date-of-birth limit counts each once.
  const server = await startServer({ ...options.limits, TRUST_PROXY: "true" }, { dataDir: appSeed.dataDir, output: [] });
  const floorChild = spawn(process.execPath, ["bin/run.mjs", "bench/children/floor-checkin-server.ts"], { env: floorSeed.env, stdio: ["ignore", "pipe", "inherit"] });
  try {
    const floorUrl: string = await new Promise((resolve) => floorChild.stdout.once("data", (c: Buffer) => resolve(c.toString().trim())));
    const app = (tokens: string[], base: number) => round(tokens, base, (token, address) => appCheckin(server.baseUrl, token, address, appSeed.dateOfBirth));
    const floor = (tokens: string[], base: number) => round(tokens, base, (token, address) => floorCheckin(floorUrl, token, address, floorSeed.dateOfBirth));
    const warm = [await app(appSeed.tokens.slice(0, WARM_UP), 0), await floor(floorSeed.tokens.slice(0, WARM_UP), 0)];
    const appRuns: Round[] = [];
    const floorRuns: Round[] = [];
    for (let r = 0; r < rounds; r++) {
      const from = WARM_UP + r * perRound;
      appRuns.push(await app(appSeed.tokens.slice(from, from + perRound), from));
      floorRuns.push(await floor(floorSeed.tokens.slice(from, from + perRound), from));
    }
    const errors = [...warm, ...appRuns].flatMap((r) => r.errors);
    const floorErrors = [...floorRuns, warm[1]!].flatMap((r) => r.errors);
    if (errors.length > 0) options.log(`   app errors: ${[...new Set(errors)].slice(0, 3).join("; ")}`);
    if (floorErrors.length > 0) throw new Error(`the floor failed: ${[...new Set(floorErrors)].slice(0, 3).join("; ")}`);
    const sent = [...warm.slice(0, 1), ...appRuns].reduce((n, r) => n + r.sent, 0);
    const stored = countCheckins(server.databasePath);
    const a = summarize(appRuns.map((r) => r.perSecond));
    const f = summarize(floorRuns.map((r) => r.perSecond));
    if (appRuns.some((r) => r.sent === 0)) throw new Error(`no check-in was sent through the app: ${[...new Set(errors)].slice(0, 3).join("; ")}`);
    const p99 = summarize(appRuns.flatMap((r) => r.sendMs)).p99;
    const floorP99 = summarize(floorRuns.flatMap((r) => r.sendMs)).p99;
    const ratios = appRuns.map((r, i) => r.perSecond / floorRuns[i]!.perSecond);
    return [
      {
        id: options.id,
        what: `A check-in through the production server, ${CLIENTS} concurrent clients, ${rounds}×${perRound} check-ins (each: link page, Start, date of birth, ${CHECKIN_SECTIONS.length} steps' pages and posts, review, send — 15 requests, no JavaScript)`,
        figure: `${fmt(a.median, 1)} check-ins/s (${fmt(a.min, 1)}–${fmt(a.max, 1)}); the send's p99 ${fmt(p99)} ms; ${errors.length} errors; ${sent} confirmations, ${stored} rows stored`,
        floor: `the same features (openCheckin, startCheckin, currentCheckin per page, parseCheckinStep + saveCheckinDraft per step, submitCheckin) on bare node:http, 13 requests: ${fmt(f.median, 1)}/s (${fmt(f.min, 1)}–${fmt(f.max, 1)}); the send's p99 ${fmt(floorP99)} ms`,
        ratio: `${ratios.map((r) => `${fmt(r, 2)}×`).join(", ")} by round; send p99 ${fmt(p99 / floorP99, 2)}×`,
        target: "≥ 0.7× throughput in every round; send p99 ≤ 1.3× the floor's; no errors; rows = confirmations",
        met: Math.min(...ratios) >= 0.7 && p99 / floorP99 <= 1.3 && errors.length === 0 && stored === sent,
        notes: `links seeded through lib/course-records in ${fmt(appSeed.seconds)} s`,
      },
    ];
  } finally {
    floorChild.kill();
    server.stop();
    fs.rmSync(floorSeed.dataDir, { recursive: true, force: true });
  }
}
