import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { SMTPServer } from "smtp-server";
import { getTableName, isTable } from "drizzle-orm";
import { resetConfigForTests } from "@/lib/config";
import { draftCookieOpensNothing } from "@/lib/intake-wizard/draft-cookie";
import { resumeFromLink } from "@/lib/intake-wizard/draft-service";
import { emailResumeLinkAction, saveStepAction } from "@/app/(public)/intake/actions";
import { useMigratedDatabase } from "../support/database";
import { rawRows, testTables } from "../support/either-database";

/**
 * Point 5 of issue 16: the resume link by e-mail. The server actions run for real against a local
 * SMTP server; only Next's request scope is stood in for (a cookie jar per browser, the address).
 */
const request = vi.hoisted(() => ({ jar: new Map<string, string>() }));
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (request.jar.has(name) ? { name, value: request.jar.get(name)! } : undefined),
    set: (name: string, value: string) => void request.jar.set(name, value),
    delete: (name: string) => void request.jar.delete(name),
  }),
  headers: async () => new Headers({ "x-forwarded-for": "198.51.100.7", host: "evil.example" }),
}));

const mails: { to: string[]; data: string }[] = [];
let smtp: SMTPServer;
let smtpUrl: string;
// http: an https origin would rename the cookie (__Host-), and the test turns PUBLIC_ORIGIN off.
const ORIGIN = "http://intake.clinic.example";
const ADDRESS = "quillon.zephyr@example.org";
const NAME = "Quillon Zephyrwood";

function configure(env: Record<string, string | undefined>): void {
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetConfigForTests();
}

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), data: Buffer.concat(chunks).toString("utf8") });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
});
useMigratedDatabase();
afterAll(async () => {
  await new Promise<void>((r) => smtp.close(() => r()));
  configure({ NOTIFY_SMTP_URL: undefined, NOTIFY_EMAIL_TO: undefined, PUBLIC_ORIGIN: undefined, CLINIC_NAME: undefined });
});
beforeEach(() => {
  configure({ NOTIFY_SMTP_URL: smtpUrl, NOTIFY_EMAIL_TO: "alerts@clinic.example", PUBLIC_ORIGIN: ORIGIN, CLINIC_NAME: "Lakeshore Clinic" });
  request.jar = new Map();
});

const form = (email?: string) => {
  const f = new FormData();
  if (email !== undefined) f.set("email", email);
  return f;
};
/** A browser with a draft: consent given, a name typed on "about". */
async function startDraft(): Promise<void> {
  await saveStepAction({ section: "consent", values: { consent_privacy: true, consent_not_emergency: true }, intent: "next", returnToReview: false });
  expect(await saveStepAction({ section: "about", values: { full_name: NAME }, intent: "autosave", returnToReview: false })).toEqual({ status: "autosaved" });
}
const redirectOf = async (p: Promise<unknown>) => {
  const error = (await p.then(() => undefined, (e: unknown) => e)) as { digest?: string } | undefined;
  return error?.digest?.split(";")[2];
};

/** Every row of every table, as text: where a stored address would show. */
async function everyRow(): Promise<string> {
  const tables = Object.values(testTables()).filter((t) => isTable(t));
  const rows = await Promise.all(tables.map((t) => rawRows(`select * from ${getTableName(t as never)}`)));
  return JSON.stringify(rows);
}

describe("the resume link by e-mail", () => {
  it("is offered with the link only when SMTP and PUBLIC_ORIGIN are configured", async () => {
    await startDraft();
    const later = () => saveStepAction({ section: "about", values: { full_name: NAME }, intent: "later", returnToReview: false });
    expect(await later()).toMatchObject({ status: "resume_link", byEmail: true });
    configure({ NOTIFY_SMTP_URL: undefined, NOTIFY_EMAIL_TO: undefined });
    expect(await later()).toMatchObject({ status: "resume_link", byEmail: false });
    expect(await redirectOf(emailResumeLinkAction(undefined, form(ADDRESS)))).toBe("/intake");
    configure({ NOTIFY_SMTP_URL: smtpUrl, NOTIFY_EMAIL_TO: "alerts@clinic.example", PUBLIC_ORIGIN: undefined });
    expect(await later()).toMatchObject({ status: "resume_link", byEmail: false });
    expect(await redirectOf(emailResumeLinkAction(undefined, form(ADDRESS)))).toBe("/intake");
    expect(mails).toHaveLength(0);
  });

  it("sends only the link and the clinic's name; the link opens the draft in another browser; the address is kept nowhere", async () => {
    const logged: string[] = [];
    const spies = (["log", "info", "warn", "error"] as const).map((m) => vi.spyOn(console, m).mockImplementation((...a: unknown[]) => void logged.push(a.join(" "))));
    await startDraft();
    const before = mails.length;
    const outcome = await emailResumeLinkAction(undefined, form(`  ${ADDRESS} `));
    expect(outcome).toMatchObject({ status: "sent", until: expect.stringMatching(/^[A-Z][a-z]+ \d{1,2}, \d{4}$/) });
    expect(mails).toHaveLength(before + 1);
    const mail = mails.at(-1)!;
    // Quoted-printable, as nodemailer sends long lines: soft breaks and =XX escapes undone.
    const body = mail.data.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    expect(mail.to).toEqual([ADDRESS]);
    expect(mail.data).toMatch(/^Subject: Your link from Lakeshore Clinic$/m);
    const links = body.match(/https?:\/\/\S+/g) ?? [];
    expect(links).toHaveLength(1);
    expect(links[0]).toMatch(new RegExp(`^${ORIGIN}/intake/resume/[A-Za-z0-9_-]{43}$`)); // never the request's Host
    expect(body).not.toContain(NAME.split(" ")[0]);
    expect(body).toContain("It works once, until");
    expect(body.replace(links[0]!, "").toLowerCase()).not.toMatch(/ketamine|bipolar|depress|therap|suicid|health|medic/);

    // The e-mailed link is the live one: another browser continues the draft with it.
    request.jar = new Map();
    expect(await resumeFromLink(links[0]!.split("/").at(-1)!)).toBe("about");
    for (const s of spies) s.mockRestore();
    expect(logged.join("\n")).not.toContain("quillon");
    expect((await everyRow()).toLowerCase()).not.toContain("quillon.zephyr");
  });

  it("says what to do when the address is missing or malformed, and sends nothing", async () => {
    await startDraft();
    const before = mails.length;
    expect(await emailResumeLinkAction(undefined, form(""))).toMatchObject({ status: "invalid", message: "Enter your e-mail address" });
    expect(await emailResumeLinkAction(undefined, form())).toMatchObject({ status: "invalid", message: "Enter your e-mail address" });
    expect(await emailResumeLinkAction(undefined, form("quillon-not-an-address"))).toEqual({
      status: "invalid",
      message: "Enter an e-mail address in the correct format, like name@example.com",
      typed: "quillon-not-an-address",
    });
    expect(mails.length).toBe(before);
  });

  it("is limited to 3 e-mails a draft an hour", async () => {
    await startDraft();
    for (let i = 0; i < 3; i++) expect(await emailResumeLinkAction(undefined, form(ADDRESS))).toMatchObject({ status: "sent" });
    expect(await emailResumeLinkAction(undefined, form(ADDRESS))).toMatchObject({ status: "refused", message: expect.stringMatching(/Too many e-mails .* copy the link instead/) });
  });

  it("shows the new link on the page when the mail cannot be sent", async () => {
    await startDraft();
    configure({ NOTIFY_SMTP_URL: "smtp://127.0.0.1:1" });
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const outcome = await emailResumeLinkAction(undefined, form(ADDRESS));
    expect(outcome).toMatchObject({ status: "failed", url: expect.stringMatching(new RegExp(`^${ORIGIN}/intake/resume/`)) });
    expect(errors.mock.calls.flat().join(" ")).toMatch(/draft\.resume_email_failed/);
    expect(errors.mock.calls.flat().join(" ")).not.toContain("quillon");
    errors.mockRestore();
  });
});

describe("a draft continued in another browser", () => {
  it("leaves the first browser's cookie opening nothing, which /intake reports", async () => {
    await startDraft();
    const first = request.jar;
    const later = await saveStepAction({ section: "about", values: { full_name: NAME }, intent: "later", returnToReview: false });
    const token = (later as { path: string }).path.split("/").at(-1)!;
    expect(await draftCookieOpensNothing()).toBe(false);
    request.jar = new Map();
    expect(await draftCookieOpensNothing()).toBe(false); // no cookie at all: a new visitor
    expect(await resumeFromLink(token)).toBe("about");
    request.jar = first;
    expect(await draftCookieOpensNothing()).toBe(true);
  });
});
