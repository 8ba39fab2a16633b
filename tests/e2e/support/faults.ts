import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fullIntake } from "../../fixtures/intakes";

/** Shared by the fault specs (issue 20): a small tmpfs, intake posts that never hang, and reading every stored intake back. */

export interface Tmpfs {
  dir: string;
  /** Bytes still free on it. */
  free(): number;
  unmount(): void;
}

/**
 * A size-limited tmpfs at a fresh directory, or the reason it cannot be had (not root, no mount):
 * the caller skips, saying so (a skip, never a pass). CI runs as root.
 */
export function mountTmpfs(sizeMb: number): Tmpfs | string {
  if (process.getuid?.() !== 0) return "needs root to mount a size-limited tmpfs (CI runs as root)";
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "intake-tmpfs-"));
  const mounted = spawnSync("mount", ["-t", "tmpfs", "-o", `size=${sizeMb}m,mode=0755`, "tmpfs", dir], { encoding: "utf8" });
  if (mounted.status !== 0) {
    fs.rmSync(dir, { recursive: true, force: true });
    return `mount -t tmpfs failed: ${(mounted.stderr || mounted.error?.message || "").trim()}`;
  }
  return {
    dir,
    free: () => {
      const s = fs.statfsSync(dir);
      return s.bavail * s.bsize;
    },
    unmount: () => {
      // Lazy: a killed server's files may be a moment from closed.
      spawnSync("umount", ["-l", dir]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Fills a tmpfs but `leaveBytes` with one file, to be deleted to free the space again. */
export function writeBallast(tmpfs: Tmpfs, leaveBytes: number): string {
  const file = path.join(tmpfs.dir, "ballast");
  const fd = fs.openSync(file, "w");
  const chunk = Buffer.alloc(1024 * 1024, 1);
  try {
    for (let left = tmpfs.free() - leaveBytes; left > 0; left -= chunk.length) fs.writeSync(fd, chunk, 0, Math.min(left, chunk.length));
  } finally {
    fs.closeSync(fd);
  }
  return file;
}

export interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
  /** The request did not get an answer within the limit, or the connection failed (never acceptable as a clean error). */
  failure?: string;
}

/** POST /api/intakes with a deadline: a hang is a failure the test reports, not a stuck test. */
export async function postIntake(baseUrl: string, goals: string, headers: Record<string, string> = {}, timeoutMs = 15_000): Promise<Answer> {
  try {
    const response = await fetch(`${baseUrl}/api/intakes`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(fullIntake({ goals }, { submittedAt: undefined })),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // a plain-text answer stays text
    }
    return { status: response.status, headers: response.headers, body };
  } catch (error) {
    return { status: 0, headers: new Headers(), body: undefined, failure: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

/** The message of a refusal in the API's shape ({ errors: [{ item, message }] }). */
export const messageOf = (answer: Answer) => (answer.body as { errors?: { message: string }[] } | undefined)?.errors?.[0]?.message ?? "";

/** Every stored intake (id → goals), decrypted by the app's own code in a child process, and SQLite's integrity check (null on PostgreSQL). */
export function listIntakes(env: Record<string, string | undefined>): { integrity: unknown; intakes: Record<string, string> } {
  const check = spawnSync(process.execPath, ["bin/run.mjs", "tests/support/list-intakes.ts"], { encoding: "utf8", env: { ...process.env, ...env } });
  if (check.status !== 0) throw new Error(`list-intakes failed: ${check.stderr}`);
  return JSON.parse(check.stdout) as { integrity: unknown; intakes: Record<string, string> };
}

/** Starts a draft as a browser without scripts does (the consent form, posted with its own fields); returns its cookie header. */
export async function startDraftOverHttp(baseUrl: string): Promise<string> {
  const html = await (await fetch(`${baseUrl}/intake/consent`)).text();
  const form = /<form[^>]*method="post"[^>]*>([\s\S]*?)<\/form>/i.exec(html)?.[1] ?? "";
  const body = new FormData();
  for (const [, tag] of form.matchAll(/(<input[^>]*>)/g)) {
    const name = /name="([^"]+)"/.exec(tag!)?.[1];
    if (!name || name === "website_url") continue;
    body.append(name, /type="checkbox"/.test(tag!) ? "on" : (/value="([^"]*)"/.exec(tag!)?.[1] ?? "").replace(/&quot;/g, '"').replace(/&amp;/g, "&"));
  }
  const response = await fetch(`${baseUrl}/intake/consent`, {
    method: "POST",
    redirect: "manual",
    headers: { origin: "null", "sec-fetch-site": "same-origin", "sec-fetch-mode": "navigate" },
    body,
  });
  const cookie = response.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  if (response.status !== 303 || !cookie) throw new Error(`starting a draft answered ${response.status}`);
  return cookie;
}
