import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as checkinsRepository from "@/db/repositories/checkins";
import { changeIntakeStatus } from "@/lib/review/workflow";
import { startCourse } from "@/lib/course-records/courses";
import { createCheckinRequest, currentCheckin, saveCheckinDraft, startCheckin } from "@/lib/course-records/checkins";
import { serveSendCheckin } from "@/lib/checkin-flow/send-checkin-node";
import { CHECKIN_SEND_PATH } from "@/lib/checkin-flow/send-state";
import { noteStorageWrite } from "@/lib/server/storage-faults";
import { POST as routePost } from "@/app/(public)/check-in/send/route";
import { useMigratedDatabase } from "../support/database";
import { rawRows } from "../support/either-database";
import { postIntake } from "../support/api";
import { fullIntake } from "../fixtures/intakes";
import { calmAnswers } from "../support/course-cases";

/**
 * POST /check-in/send — the check-in's send from the review page's script. Next's route answers
 * it in development and tests; the production server answers it on node:http (the fast path,
 * lib/server/fast-paths.ts). Both must answer alike: the send stored once and the cookie cleared,
 * another site refused, no check-in or an unfinished one said as such, a storage fault a 503 that
 * keeps the draft and the cookie.
 */
useMigratedDatabase();
afterEach(() => {
  vi.restoreAllMocks();
  noteStorageWrite();
});

const SECURITY = { "x-content-type-options": "nosniff", "content-security-policy": "default-src 'none'" };
let server: http.Server;
let nodeBase: string;
beforeAll(async () => {
  server = http.createServer((req, res) => void serveSendCheckin(req, res, SECURITY));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  nodeBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}
type Send = (headers: Record<string, string>) => Promise<Answer>;

/** The two adapters, each given the headers a browser on that server's own origin sends (`own` = its Origin and Host). */
const adapters: [string, (cookie: string | undefined, extra?: Record<string, string | undefined>, body?: string) => Promise<Answer>][] = [
  [
    "node:http",
    async (cookie, extra = {}, body) => {
      const { "content-length": _length, ...rest } = extra; // fetch sets the length of the body itself
      const headers = clean({ origin: nodeBase, "sec-fetch-site": "same-origin", ...(cookie ? { cookie } : {}), ...rest });
      const r = await fetch(`${nodeBase}${CHECKIN_SEND_PATH}`, { method: "POST", headers, body });
      return { status: r.status, headers: r.headers, body: (await r.json()) as Record<string, unknown> };
    },
  ],
  [
    "Next's route",
    async (cookie, extra = {}, body) => {
      const headers = clean({ host: "localhost:3000", origin: "http://localhost:3000", "sec-fetch-site": "same-origin", "x-forwarded-for": "198.51.100.30", ...(cookie ? { cookie } : {}), ...extra });
      const r = await routePost(new Request(`http://localhost:3000${CHECKIN_SEND_PATH}`, { method: "POST", headers, body }));
      return { status: r.status, headers: r.headers, body: (await r.json()) as Record<string, unknown> };
    },
  ],
];
const clean = (h: Record<string, string | undefined>) => Object.fromEntries(Object.entries(h).filter((e): e is [string, string] => e[1] !== undefined));

const reviewer = { userId: "u-send", email: "dr@clinic.example", ipAddress: "203.0.113.30" };
let clients = 0;
const count = async (table: string) => Number((await rawRows<{ n: number | string }>(`select count(*) as n from ${table}`))[0]!.n);

/** An open course and a started check-in whose draft holds `answers`: its cookie. */
async function readyCheckin(answers: Record<string, unknown>): Promise<{ cookie: string; session: string; requestId: string }> {
  const intakeId = (await postIntake(fullIntake({ email: `send.client${++clients}@example.org` }, { submittedAt: undefined }))).body.id as string;
  await changeIntakeStatus(intakeId, "in_review", reviewer);
  await changeIntakeStatus(intakeId, "consult_booked", reviewer);
  const { courseId } = await startCourse(intakeId, { started_on: "2026-10-01", baseline_phq9: 18 }, reviewer);
  const link = await createCheckinRequest(courseId, reviewer);
  const started = await startCheckin(link.token, "1985-03-14", `198.51.100.${40 + clients}`);
  if (started.outcome !== "started") throw new Error(started.outcome);
  await saveCheckinDraft(started.sessionToken, { answers });
  return { cookie: `checkin_draft=${started.sessionToken}`, session: started.sessionToken, requestId: link.requestId };
}

describe.each(adapters)("POST /check-in/send through %s", (_, send) => {
  it("stores the check-in once, says it was sent, and clears the cookie; a second send (a double click) stores nothing more", async () => {
    const ready = await readyCheckin(calmAnswers());
    const before = await count("checkins");
    const sent = await send(ready.cookie);
    expect(sent.status).toBe(200);
    expect(sent.body).toEqual({ status: "sent", crisisShown: false }); // no crisis panel, so no country for its numbers
    expect(sent.headers.get("cache-control")).toBe("no-store");
    expect(sent.headers.getSetCookie()).toEqual(["checkin_draft=; Path=/check-in; Max-Age=0; HttpOnly; SameSite=Lax"]);
    expect(await count("checkins")).toBe(before + 1);
    expect((await currentCheckin(ready.session))!.submitted).toBe(true);
    expect((await rawRows<{ used_at: unknown }>("select used_at from checkin_requests where id = ?", ready.requestId))[0]!.used_at).not.toBeNull();

    const again = await send(ready.cookie);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: "sent" });
    expect(await count("checkins")).toBe(before + 1);
  });

  it("says the crisis panel was shown when the answers brought it up, with the client's country for its numbers", async () => {
    const ready = await readyCheckin(calmAnswers({ si_thoughts_since_last: "yes", si_intent: "no", si_plan: "no" }));
    const sent = await send(ready.cookie);
    expect(sent.body).toEqual({ status: "sent", crisisShown: true, country: "CA" });
  });

  it.each([
    ["another site's Origin", { origin: "https://evil.example", "sec-fetch-site": "cross-site" }],
    ["no Origin at all", { origin: undefined }],
    ["Origin: null (a sandboxed or cross-site form)", { origin: "null", "sec-fetch-site": "cross-site" }],
  ])("refuses %s with a 403 and stores nothing", async (_, extra) => {
    const ready = await readyCheckin(calmAnswers());
    const before = await count("checkins");
    const refused = await send(ready.cookie, extra);
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({ status: "failed", message: "This request did not come from this site and was refused." });
    expect(refused.headers.getSetCookie()).toEqual([]);
    expect(await count("checkins")).toBe(before);
  });

  it("refuses a body over 4 KiB with a 413 and stores nothing (the send takes none)", async () => {
    const ready = await readyCheckin(calmAnswers());
    const before = await count("checkins");
    expect(await send(ready.cookie, { "content-length": String(64 * 1024) }, "x".repeat(64 * 1024))).toMatchObject({ status: 413 });
    expect(await count("checkins")).toBe(before);
    expect(await send(ready.cookie, {}, "{}")).toMatchObject({ status: 200, body: { status: "sent" } }); // a small stray body is ignored
  });

  it("reads a cookie sent twice as the pages do (the last value that decodes), so the send and the review page mean the same check-in", async () => {
    const planted = await readyCheckin(calmAnswers());
    const own = await readyCheckin(calmAnswers());
    const before = await count("checkins");
    expect(await send(`${planted.cookie}; ${own.cookie}`)).toMatchObject({ status: 200, body: { status: "sent" } });
    expect((await currentCheckin(own.session))!.submitted).toBe(true);
    expect((await currentCheckin(planted.session))!.submitted).toBe(false);
    const third = await readyCheckin(calmAnswers());
    expect(await send(`checkin_draft=%zz; ${third.cookie}`)).toMatchObject({ status: 200, body: { status: "sent" } });
    expect((await currentCheckin(third.session))!.submitted).toBe(true);
    expect(await count("checkins")).toBe(before + 2);
  });

  it("answers 404 when this browser has no open check-in (no cookie, or one that is not ours)", async () => {
    expect(await send(undefined)).toMatchObject({ status: 404, body: { status: "unavailable" } });
    expect(await send("checkin_draft=not-a-session-of-ours")).toMatchObject({ status: 404, body: { status: "unavailable" } });
  });

  it("sends an unfinished check-in back to the step that still needs an answer (409), storing nothing", async () => {
    const { phq9_3: _omitted, ...answers } = calmAnswers();
    const ready = await readyCheckin(answers);
    const before = await count("checkins");
    const answer = await send(ready.cookie);
    expect(answer.status).toBe(409);
    expect(answer.body).toEqual({ status: "incomplete", next: "/check-in/step/mood" });
    expect(await count("checkins")).toBe(before);
  });

  it("answers a full disk with 503, Retry-After and the plain message, keeps the draft and the cookie, and sends on the next try", async () => {
    const ready = await readyCheckin(calmAnswers());
    const before = { checkins: await count("checkins"), audit: await count("audit_events") };
    const submit = checkinsRepository.submitCheckin;
    vi.spyOn(checkinsRepository, "submitCheckin").mockImplementation((draftId, submission) =>
      submit(draftId, { ...submission, audit: () => { throw Object.assign(new Error("database or disk is full"), { code: "SQLITE_FULL" }); } }),
    );
    const failed = await send(ready.cookie);
    expect(failed.status).toBe(503);
    expect(failed.headers.get("retry-after")).toBe("30");
    expect(failed.body).toEqual({ status: "failed", message: "Nothing was saved just now. Please try again in a moment; your answers are kept." });
    expect(failed.headers.getSetCookie()).toEqual([]);
    expect(await count("checkins")).toBe(before.checkins);
    expect(await count("audit_events")).toBe(before.audit);
    expect((await currentCheckin(ready.session))!.state.answers).toEqual(expect.objectContaining({ global_change: "a_little_better" }));

    vi.restoreAllMocks();
    expect(await send(ready.cookie)).toMatchObject({ status: 200, body: { status: "sent" } });
    expect(await count("checkins")).toBe(before.checkins + 1);
  });

  it("answers any other failure with a 500 that still says nothing was saved", async () => {
    const ready = await readyCheckin(calmAnswers());
    vi.spyOn(checkinsRepository, "submitCheckin").mockRejectedValue(new Error("something unexpected"));
    const failed = await send(ready.cookie);
    expect(failed.status).toBe(500);
    expect(failed.headers.get("retry-after")).toBeNull();
    expect(failed.body).toEqual({ status: "failed", message: "Nothing was saved just now. Please try again in a moment; your answers are kept." });
  });
});

describe("the node:http adapter", () => {
  it("carries the security headers the production server gives it", async () => {
    const answer = await adapters[0]![1](undefined);
    expect(answer.headers.get("x-content-type-options")).toBe("nosniff");
    expect(answer.headers.get("content-security-policy")).toBe("default-src 'none'");
  });
});
