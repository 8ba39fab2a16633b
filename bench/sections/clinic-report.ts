/**
 * Bench section: the clinic outcome report (issue 18, item 5) over N courses with 15 sessions and 15
 * check-ins each (10,000 courses = 300,000 encrypted sessions and check-ins in full mode), through
 * the feature, beside the same aggregation in raw SQL with the same decryption, and beside raw SQL
 * decrypting every check-in (the design the kept report facts replace); then the page's TTFB.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startServer } from "../../tests/e2e/support/server";
import { createTherapist, signInOverHttp } from "../../tests/e2e/support/therapist";
import { fmt, summarize, type Summary } from "../support/stats";
import type { BenchRow } from "../support/row";


const ms = (s: Summary) => `${fmt(s.median)} ms (${fmt(s.min)}–${fmt(s.max)})`;
const runTs = (file: string, args: string[], env: Record<string, string>) =>
  JSON.parse(execFileSync(process.execPath, ["bin/run.mjs", file, ...args], { encoding: "utf8", env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024, stdio: ["ignore", "pipe", "inherit"] }));

export async function clinicReportSection(options: { quick: boolean; id?: number; log?: (line: string) => void; env?: Record<string, string> }): Promise<BenchRow[]> {
  const log = options.log ?? console.log;
  const size = options.quick ? { courses: 300, perCourse: 15, runs: 5, naiveRuns: 2, ttfbRuns: 5 } : { courses: 10000, perCourse: 15, runs: 15, naiveRuns: 3, ttfbRuns: 20 };
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-report-"));
  try {
    const env = { DATABASE_PATH: path.join(dataDir, "data", "intake.db"), KEYS_DIR: path.join(dataDir, "keys") };
    log(`   seeding ${size.courses} courses × (${size.perCourse} sessions + ${size.perCourse} check-ins) …`);
    const seeded = runTs("bench/children/seed-courses.ts", [String(size.courses), String(size.perCourse)], env) as { seconds: number };
    log(`   seeded in ${fmt(seeded.seconds)} s; report data vs raw SQL …`);
    const access = runTs("bench/children/clinic-report-access.ts", [String(size.runs), String(size.naiveRuns)], env) as { appMs: number[]; floorMs: number[]; naiveMs: number[]; courses: number };
    const server = await startServer(options.env ?? {}, { dataDir, output: [] });
    try {
      process.env.E2E_DATABASE_PATH = server.databasePath;
      process.env.E2E_KEYS_DIR = server.keysDir;
      const cookie = await signInOverHttp(server.baseUrl, createTherapist("bench-report"));
      const ttfb: number[] = [];
      for (let i = 0; i < size.ttfbRuns + 2; i++) {
        const t = performance.now();
        const r = await fetch(`${server.baseUrl}/dashboard/outcomes?from=2025-01-01&to=2026-12-31`, { headers: { cookie } });
        const elapsed = performance.now() - t;
        if (r.status !== 200) throw new Error(`outcomes page answered ${r.status}`);
        await r.arrayBuffer();
        if (i >= 2) ttfb.push(elapsed);
      }
      const a = summarize(access.appMs);
      const f = summarize(access.floorMs);
      const n = summarize(access.naiveMs);
      const t = summarize(ttfb);
      return [
        {
          id: options.id ?? 10,
          what: `Clinic outcome report over ${access.courses.toLocaleString("en-CA")} courses (${(access.courses * size.perCourse * 2).toLocaleString("en-CA")} encrypted sessions and check-ins)`,
          figure: `feature ${ms(a)}; whole page TTFB ${ms(t)} (session check, audit write, table and chart)`,
          floor: `raw SQL via better-sqlite3 + the same one decryption per course: ${ms(f)}; raw SQL decrypting every check-in and intake instead: ${ms(n)}`,
          ratio: `${fmt(a.median / f.median, 2)}× (feature ÷ raw SQL)`,
          target: "page answers ≤ 1 s",
          met: t.median <= 1000,
          notes: `seeded in ${fmt(seeded.seconds)} s`,
        },
      ];
    } finally {
      server.stop();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
