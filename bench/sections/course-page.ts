/**
 * The course page (issue 18, item 5): a course with 30 sessions and 30 check-ins, seeded through the
 * features (lib/demo), served by the production server to a signed-in therapist; TTFB beside a
 * floor — the same timeline read (listCourseTimeline: reads, decryption, outcome, audit write)
 * served by a bare node:http server as one string-built HTML table. Interleaved request by request
 * after a warm-up. Target: page TTFB ≤ 150 ms.
 */
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startServer } from "../../tests/e2e/support/server";
import { createTherapist, signInOverHttp } from "../../tests/e2e/support/therapist";
import { fmt, summarize, type Summary } from "../support/stats";
import type { BenchRow } from "../support/row";


const COURSE_SIZE = 30;
const TARGET_MS = 150;
const ms = (s: Summary) => `${fmt(s.median)} ms (${fmt(s.min)}–${fmt(s.max)})`;

/** Headers received (TTFB) and the whole body, in ms. */
async function timed(url: string, cookie?: string): Promise<{ ttfb: number; total: number }> {
  const t = performance.now();
  const response = await fetch(url, { headers: cookie ? { cookie } : {}, redirect: "manual" });
  const ttfb = performance.now() - t;
  if (response.status !== 200) throw new Error(`${new URL(url).pathname} answered ${response.status}`);
  await response.arrayBuffer();
  return { ttfb, total: performance.now() - t };
}

export async function coursePageSection(options: { id: number; quick: boolean; limits: Record<string, string> }): Promise<BenchRow[]> {
  const runs = options.quick ? 10 : 50;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-course-"));
  const env = { ...process.env, DATABASE_PATH: path.join(dataDir, "data", "intake.db"), KEYS_DIR: path.join(dataDir, "keys") };
  const seeded = JSON.parse(
    execFileSync(process.execPath, ["bin/run.mjs", "bench/children/seed-course.ts", String(COURSE_SIZE)], { encoding: "utf8", env, stdio: ["ignore", "pipe", "inherit"] }),
  ) as { courseId: string; sessions: number; checkins: number; seconds: number };
  if (seeded.sessions !== COURSE_SIZE || seeded.checkins !== COURSE_SIZE) throw new Error(`seeded ${seeded.sessions} sessions and ${seeded.checkins} check-ins`);

  const server = await startServer(options.limits, { dataDir, output: [] });
  const floorChild = spawn(process.execPath, ["bin/run.mjs", "bench/children/floor-course-server.ts"], { env, stdio: ["ignore", "pipe", "inherit"] });
  try {
    const floorUrl: string = await new Promise((resolve) => floorChild.stdout.once("data", (c: Buffer) => resolve(c.toString().trim())));
    process.env.E2E_DATABASE_PATH = server.databasePath;
    process.env.E2E_KEYS_DIR = server.keysDir;
    const cookie = await signInOverHttp(server.baseUrl, createTherapist("bench-course"));
    const pageUrl = `${server.baseUrl}/dashboard/courses/${seeded.courseId}`;
    const floorPage = `${floorUrl}/?course=${seeded.courseId}`;
    const app: { ttfb: number; total: number }[] = [];
    const floor: { ttfb: number; total: number }[] = [];
    for (let i = 0; i < runs + 3; i++) {
      const a = await timed(pageUrl, cookie);
      const f = await timed(floorPage);
      if (i >= 3) {
        app.push(a);
        floor.push(f);
      }
    }
    const t = summarize(app.map((x) => x.ttfb));
    const whole = summarize(app.map((x) => x.total));
    const f = summarize(floor.map((x) => x.ttfb));
    return [
      {
        id: options.id,
        what: `Course page with ${COURSE_SIZE} sessions and ${COURSE_SIZE} check-ins (signed-in therapist, production server)`,
        figure: `TTFB ${ms(t)}; whole page ${ms(whole)} (session check and audit writes included)`,
        floor: `the same listCourseTimeline (reads, decryption, outcome, audit write) on bare node:http, HTML by string concatenation: ${ms(f)}`,
        ratio: `${fmt(t.median / f.median, 2)}×`,
        target: `page TTFB ≤ ${TARGET_MS} ms`,
        met: t.median <= TARGET_MS,
        notes: `seeded through the features in ${fmt(seeded.seconds)} s`,
      },
    ];
  } finally {
    floorChild.kill();
    server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
