/**
 * `npm run bench -- --soak MINUTES` (issue 20): the production server under a steady mixed load for
 * MINUTES — intakes submitted, the dashboard read and summary PDFs rendered together at fixed rates,
 * each request started on a schedule (open loop: a slow server gets more work queued, as on a busy
 * day, not less). Reports latency percentiles per minute, the server's resident memory and open file
 * descriptors at the start and the end, and every error. Writes bench/SOAK.md, which
 * bench/RESULTS.md includes.
 */
import fs from "node:fs";
import path from "node:path";
import { startServer } from "../tests/e2e/support/server";
import { createTherapist, signInOverHttp } from "../tests/e2e/support/therapist";
import { fullIntakeV2 } from "../tests/fixtures/intakes";
import { fmt, summarize } from "./support/stats";

/** Requests per second of each kind: a busy clinic's day compressed, well under the server's capacity. */
export const SOAK_RATES = { submit: 20, dashboard: 4, pdf: 1 } as const;
type Kind = keyof typeof SOAK_RATES;

interface Sample {
  kind: Kind;
  /** Seconds since the soak began, when the request was sent. */
  at: number;
  ms: number;
  ok: boolean;
}

/** Resident memory (MiB) and open file descriptors of a process, from /proc. */
function processFigures(pid: number): { rssMiB: number; fds: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const rssKiB = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
  return { rssMiB: rssKiB / 1024, fds: fs.readdirSync(`/proc/${pid}/fd`).length };
}

export async function runSoak(minutes: number, log: (line: string) => void): Promise<string> {
  const limits = { RATE_LIMIT_LOGIN_PER_15MIN: "100000", RATE_LIMIT_SUBMIT_PER_HOUR: "1000000", DRAFTS_PER_HOUR: "1000000", DRAFT_SAVE_MB_PER_HOUR: "1000000" };
  const server = await startServer(limits, { output: [] });
  process.env.E2E_DATABASE_PATH = server.databasePath;
  process.env.E2E_KEYS_DIR = server.keysDir;
  const cookie = await signInOverHttp(server.baseUrl, createTherapist("soak"));
  const body = JSON.stringify(fullIntakeV2({}, { submittedAt: undefined }));
  const first = await fetch(`${server.baseUrl}/api/intakes`, { method: "POST", headers: { "content-type": "application/json" }, body });
  const { id } = (await first.json()) as { id: string };
  const pid = server.httpServerPid();
  if (!pid) throw new Error("soak: the http-server process was not found");

  const send: Record<Kind, () => Promise<Response>> = {
    submit: () => fetch(`${server.baseUrl}/api/intakes`, { method: "POST", headers: { "content-type": "application/json" }, body }),
    dashboard: () => fetch(`${server.baseUrl}/dashboard`, { headers: { cookie }, redirect: "manual" }),
    pdf: () => fetch(`${server.baseUrl}/api/intakes/${id}/pdf`, { headers: { cookie }, redirect: "manual" }),
  };
  // Warm up every path before the figures that count (a redirect to the sign-in page fails the run here).
  const WARM_UP = 3;
  for (const kind of Object.keys(send) as Kind[])
    for (let i = 0; i < WARM_UP; i++) {
      const r = await send[kind]();
      await r.arrayBuffer();
      if (r.status !== (kind === "submit" ? 201 : 200)) throw new Error(`soak: warm-up ${kind} answered HTTP ${r.status}`);
    }
  const startFigures = processFigures(pid);
  const samples: Sample[] = [];
  const errors = new Map<string, number>();
  let created = 0;
  const inFlight = new Set<Promise<void>>();
  const began = performance.now();
  const endAt = began + minutes * 60_000;

  const fire = (kind: Kind) => {
    const at = (performance.now() - began) / 1000;
    const t0 = performance.now();
    const p = send[kind]()
      .then(async (r) => {
        await r.arrayBuffer();
        const ok = kind === "submit" ? r.status === 201 : r.status === 200;
        if (ok && kind === "submit") created++;
        if (!ok) errors.set(`${kind} HTTP ${r.status}`, (errors.get(`${kind} HTTP ${r.status}`) ?? 0) + 1);
        samples.push({ kind, at, ms: performance.now() - t0, ok });
      })
      .catch((error: Error) => {
        errors.set(`${kind} ${error.message}`, (errors.get(`${kind} ${error.message}`) ?? 0) + 1);
        samples.push({ kind, at, ms: performance.now() - t0, ok: false });
      })
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  };

  // One tick every 50 ms; each kind fires as many requests as its rate owes by now.
  const fired: Record<Kind, number> = { submit: 0, dashboard: 0, pdf: 0 };
  let lastLog = began;
  while (performance.now() < endAt) {
    const elapsed = (performance.now() - began) / 1000;
    for (const kind of Object.keys(SOAK_RATES) as Kind[]) {
      while (fired[kind] < Math.floor(elapsed * SOAK_RATES[kind])) {
        fired[kind]++;
        fire(kind);
      }
    }
    if (performance.now() - lastLog > 60_000) {
      lastLog = performance.now();
      log(`   soak: ${fmt(elapsed / 60, 0)} min, ${samples.length} answered, ${[...errors.values()].reduce((a, b) => a + b, 0)} errors`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  await Promise.all(inFlight);
  const endFigures = processFigures(pid);
  const stored = Number(
    (await import("node:child_process"))
      .execFileSync("node", ["-e", `const D=require("better-sqlite3");const d=new D(${JSON.stringify(server.databasePath)},{readonly:true});console.log(d.prepare("select count(*) n from intakes").get().n)`], { encoding: "utf8" })
      .trim(),
  );
  server.stop();

  const minuteRows: string[] = [];
  for (let m = 0; m < Math.ceil(minutes); m++) {
    const cells = (Object.keys(SOAK_RATES) as Kind[]).map((kind) => {
      const ms = samples.filter((s) => s.kind === kind && s.at >= m * 60 && s.at < (m + 1) * 60).map((s) => s.ms);
      if (ms.length === 0) return "–";
      const s = summarize(ms);
      return `${fmt(s.median)} / ${fmt(s.p99)}`;
    });
    minuteRows.push(`| ${m + 1} | ${cells.join(" | ")} |`);
  }
  const whole = (kind: Kind) => summarize(samples.filter((s) => s.kind === kind).map((s) => s.ms));
  const errorCount = [...errors.values()].reduce((a, b) => a + b, 0);
  const section = [
    "<!-- soak -->",
    "## Soak run",
    "",
    `Run ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC with \`npm run bench -- --soak ${minutes}\`: the production server (SQLite) for ${minutes} min under a steady open-loop load of ${SOAK_RATES.submit} intake submissions, ${SOAK_RATES.dashboard} dashboard reads and ${SOAK_RATES.pdf} summary PDF per second, together.`,
    "",
    "| minute | submit median / p99 ms | dashboard median / p99 ms | PDF median / p99 ms |",
    "|---|---|---|---|",
    ...minuteRows,
    `| whole run | ${(Object.keys(SOAK_RATES) as Kind[]).map((k) => `${fmt(whole(k).median)} / ${fmt(whole(k).p99)}`).join(" | ")} |`,
    "",
    `- Requests answered: ${samples.length} (${(Object.keys(SOAK_RATES) as Kind[]).map((k) => `${k} ${samples.filter((s) => s.kind === k).length}`).join(", ")}); errors: ${errorCount}${errorCount ? ` (${[...errors].map(([k, n]) => `${k}: ${n}`).join("; ")})` : ""}.`,
    `- Intakes acknowledged (201): ${created}; rows stored: ${stored - 1 - WARM_UP} (excluding the ${1 + WARM_UP} warm-up intakes; a difference would be a lost or extra row).`,
    `- Server process: resident memory ${fmt(startFigures.rssMiB)} MiB at the start, ${fmt(endFigures.rssMiB)} MiB at the end; open file descriptors ${startFigures.fds} at the start, ${endFigures.fds} at the end.`,
    "<!-- /soak -->",
    "",
  ].join("\n");
  return section;
}

/** Puts the soak section into bench/SOAK.md and into bench/RESULTS.md (replacing an earlier one). */
export function recordSoak(section: string) {
  fs.writeFileSync(path.join("bench", "SOAK.md"), section);
  const results = path.join("bench", "RESULTS.md");
  const existing = fs.existsSync(results) ? fs.readFileSync(results, "utf8") : "# Benchmark results\n";
  const without = existing.replace(/<!-- soak -->[\s\S]*?<!-- \/soak -->\n?/, "").trimEnd();
  fs.writeFileSync(results, `${without}\n\n${section}`);
}
