import fs from "node:fs";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { currentDialect } from "@/db/dialect";
import { hashToken, saveDraft, type DraftState } from "@/lib/intake-wizard/drafts";
import { getConfig, resetConfigForTests } from "@/lib/config";
import { MAX_DRAFT_STATE_BYTES } from "@/lib/intake-wizard/draft-service";
import { saveStepAction } from "@/app/(public)/intake/actions";
import { useMigratedDatabase } from "../support/database";
import { rawRows } from "../support/either-database";
import { largestSection, maximalAnswers, maximalDraftState, maximalStepValues, stateBytes } from "../support/maximal-draft";

/**
 * Issue 12, item 6: one address flooding the wizard with drafts and large autosaves. The server
 * actions run for real; only Next's request scope is stood in for: a cookie jar per "browser" and
 * the X-Forwarded-For that scripts/http-server.mjs sets to the socket's address.
 */
const request = vi.hoisted(() => ({ address: "198.51.100.1", jar: new Map<string, string>() }));
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (request.jar.has(name) ? { name, value: request.jar.get(name)! } : undefined),
    set: (name: string, value: string) => void request.jar.set(name, value),
    delete: (name: string) => void request.jar.delete(name),
  }),
  headers: async () => new Headers({ "x-forwarded-for": request.address }),
}));

useMigratedDatabase();

/** A new browser (no cookie) at an address. */
function browser(address: string): Map<string, string> {
  request.address = address;
  request.jar = new Map();
  return request.jar;
}
function use(address: string, jar: Map<string, string>): void {
  request.address = address;
  request.jar = jar;
}

const consent = () => saveStepAction({ section: "consent", values: { consent_privacy: true, consent_not_emergency: true }, intent: "next", returnToReview: false });
const autosave = (section: string, values: Record<string, unknown>) => saveStepAction({ section, values, intent: "autosave", returnToReview: false });

const sqlite = () => getDb().$client;
/** What the database occupies: on SQLite every page, in the main file or still in the WAL; on PostgreSQL the database's files. */
const databaseBytes = async () =>
  currentDialect() === "postgres"
    ? Number((await rawRows<{ n: string }>("select pg_database_size(current_database()) as n"))[0]!.n)
    : (sqlite().pragma("page_count", { simple: true }) as number) * (sqlite().pragma("page_size", { simple: true }) as number);
const storedState = async (jar: Map<string, string>) =>
  (await rawRows<{ state_enc: string }>("select state_enc from drafts where session_hash = ?", hashToken([...jar.values()][0]!)))[0]?.state_enc;
const newestDraftId = async () => (await rawRows<{ id: string }>("select id from drafts order by created_at desc limit 1"))[0]!.id;

/**
 * The stated bound: per hour, one address creates at most DRAFTS_PER_HOUR drafts, and a draft row
 * holds at most the encrypted cap (base64 of the capped JSON: 4/3 of it) plus its other columns,
 * index entries and a partly filled last page (8 KiB is generous). Saving again overwrites the row
 * in place, so autosaves add nothing beyond that.
 */
const sqliteBoundPerHour = () => getConfig().draftsPerHour * (Math.ceil((MAX_DRAFT_STATE_BYTES * 4) / 3) + 8192);
/**
 * PostgreSQL keeps each replaced row version (in TOAST) until autovacuum reclaims it (about a
 * minute later by default; the files then reuse the space, they do not shrink), so within an hour
 * every accepted save counts: the address's save budget (DRAFT_SAVE_MB_PER_HOUR, base64 as stored,
 * 10% for TOAST chunk headers and indexes) on top of the new drafts.
 */
const postgresBoundPerHour = () => sqliteBoundPerHour() + Math.ceil(((getConfig().draftSaveMbPerHour * 1024 * 1024 * 4) / 3) * 1.1);
const boundPerHour = () => (currentDialect() === "postgres" ? postgresBoundPerHour() : sqliteBoundPerHour());

/** Step values whose draft is just under the cap: one long answer of 3-byte characters. */
const nearCap = (fill: string) => ({ questions_other: fill.repeat(Math.floor((MAX_DRAFT_STATE_BYTES - 400) / 3)) });

describe("a draft's size", () => {
  it("the largest legitimate draft (every answer at its maximum, in 4-byte characters) is under the cap and saves", async () => {
    const maximal = maximalDraftState();
    expect(stateBytes(maximal)).toBeLessThan(MAX_DRAFT_STATE_BYTES * 0.6); // about 65 KB against 128 KiB
    browser("198.51.100.20");
    expect(await consent()).toMatchObject({ status: "saved" });
    const draftId = await newestDraftId();
    await saveDraft(draftId, { answers: maximalAnswers(), units: {} } satisfies DraftState, false);
    expect(await autosave(largestSection(), maximalStepValues(largestSection()))).toEqual({ status: "autosaved" });
  });

  it("a save that would make the draft larger than the cap is refused with a message, and nothing is written", async () => {
    const jar = browser("198.51.100.21");
    await consent();
    expect(await autosave("questions", { questions_other: "short" })).toEqual({ status: "autosaved" });
    const before = await storedState(jar);
    for (const intent of ["autosave", "later", "next"] as const) {
      const outcome = await saveStepAction({ section: "questions", values: nearCap("€€"), intent, returnToReview: false });
      expect(outcome.status, intent).not.toMatch(/^(autosaved|saved|resume_link)$/);
      const text = JSON.stringify(outcome);
      expect(text).toMatch(/too much text|too long/i);
      expect(text).not.toContain("€€€"); // nothing typed is echoed back
    }
    expect(await storedState(jar)).toBe(before);
  });
});

describe("a flood from one address", () => {
  it(`cannot grow the database by more than the stated bound in an hour (SQLite: DRAFTS_PER_HOUR × the largest draft; PostgreSQL: plus the save budget); another address is unaffected`, async () => {
    const attacker = "203.0.113.66";
    const start = await databaseBytes();
    const t0 = performance.now();

    // 300 new drafts, each from a fresh cookie-less browser.
    const jars: Map<string, string>[] = [];
    let refusedDrafts = 0;
    for (let i = 0; i < 300; i++) {
      const jar = browser(attacker);
      const outcome = await consent();
      if (outcome.status === "saved") jars.push(jar);
      else {
        expect(outcome).toMatchObject({ status: "refused", message: expect.stringMatching(/Too many forms have been started from this connection/) });
        refusedDrafts++;
      }
    }
    expect(jars.length).toBe(getConfig().draftsPerHour);
    expect(refusedDrafts).toBe(300 - jars.length);

    // Autosaves just under the cap, round-robin over the drafts, until the address's budget is spent.
    let accepted = 0;
    let refusedSaves = 0;
    for (let i = 0; i < 4000 && refusedSaves < 50; i++) {
      use(attacker, jars[i % jars.length]!);
      const outcome = await autosave("questions", nearCap(String.fromCharCode(0x4e00 + (i % 500))));
      if (outcome.status === "autosaved") accepted++;
      else {
        expect(outcome).toMatchObject({ status: "refused", message: expect.stringMatching(/try again in/) });
        refusedSaves++;
      }
    }
    const growth = (await databaseBytes()) - start;
    // The WAL file is reused after each checkpoint (every 1000 pages), so it stays near 4 MB (SQLite; PostgreSQL's pg_wal is the server's, counted nowhere here).
    const wal = currentDialect() === "sqlite" ? fs.statSync(`${getConfig().databasePath}-wal`).size : 0;
    const seconds = (performance.now() - t0) / 1000;
    console.log(
      `flood: ${jars.length} drafts created, ${refusedDrafts} refused; ${accepted} autosaves of ${(MAX_DRAFT_STATE_BYTES / 1024).toFixed(0)} KiB accepted, then refused; ` +
        `database grew ${(growth / 1e6).toFixed(2)} MB (WAL file ${(wal / 1e6).toFixed(2)} MB) in ${seconds.toFixed(1)} s; bound ${(boundPerHour() / 1e6).toFixed(2)} MB per hour`,
    );
    expect(refusedSaves).toBeGreaterThan(0); // the hourly budget ran out
    expect(accepted * (MAX_DRAFT_STATE_BYTES - 1024)).toBeLessThanOrEqual(getConfig().draftSaveMbPerHour * 1024 * 1024);
    expect(growth).toBeLessThanOrEqual(boundPerHour());
    expect(wal).toBeLessThan(8 * 1024 * 1024);

    // Another address starts and saves a draft as usual.
    browser("198.51.100.99");
    expect(await consent()).toMatchObject({ status: "saved" });
    expect(await autosave("about", { full_name: "Ana" })).toEqual({ status: "autosaved" });
  }, 300_000);
});

describe("saves per draft", () => {
  beforeEach(() => {
    process.env.DRAFT_SAVES_PER_HOUR = "30";
    resetConfigForTests();
  });
  afterEach(() => {
    delete process.env.DRAFT_SAVES_PER_HOUR;
    resetConfigForTests();
    vi.useRealTimers();
  });

  it("past DRAFT_SAVES_PER_HOUR one draft is refused for the rest of the hour; another draft from the same address is not", async () => {
    const first = browser("198.51.100.30");
    await consent();
    for (let i = 0; i < 30; i++) expect(await autosave("about", { full_name: `A${i}` })).toEqual({ status: "autosaved" });
    expect(await autosave("about", { full_name: "B" })).toMatchObject({ status: "refused", message: expect.stringMatching(/What you typed is still here/) });
    browser("198.51.100.30");
    await consent();
    expect(await autosave("about", { full_name: "C" })).toEqual({ status: "autosaved" });
    use("198.51.100.30", first);
    expect(await autosave("about", { full_name: "D" })).toMatchObject({ status: "refused" });
  });
});

describe("a person typing for an hour", () => {
  afterEach(() => vi.useRealTimers());

  it("is never stopped: one autosave a second for an hour, of the largest legitimate draft, all saved (default limits)", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = new Date("2026-11-02T09:00:00Z").getTime();
    vi.setSystemTime(start);
    browser("198.51.100.40");
    expect(await consent()).toMatchObject({ status: "saved" });
    const draftId = await newestDraftId();
    await saveDraft(draftId, { answers: maximalAnswers(), units: {} }, false);
    const values = maximalStepValues(largestSection());
    for (let s = 1; s <= 3600; s++) {
      vi.setSystemTime(start + s * 1000);
      const outcome = await autosave(largestSection(), s % 2 ? values : { ...values, goals: "x" });
      if (outcome.status !== "autosaved") throw new Error(`autosave ${s} refused: ${JSON.stringify(outcome)}`);
    }
  }, 300_000);
});
