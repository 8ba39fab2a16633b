import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SMTPServer } from "smtp-server";
import { resetConfigForTests } from "@/lib/config";
import { sendUrgentNotifications, URGENT_SUBJECT } from "@/lib/notify/urgent-notification";
import { useMigratedDatabase } from "../support/database";
import { postIntake } from "../support/api";
import { fullIntake } from "../fixtures/intakes";

/** A local SMTP server and webhook receiver, started by the test. */
const mails: { to: string[]; data: string }[] = [];
const hooks: unknown[] = [];
let smtp: SMTPServer;
let web: http.Server;

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
  web = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      hooks.push(JSON.parse(body));
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => web.listen(0, "127.0.0.1", resolve));
  const smtpPort = (smtp.server.address() as AddressInfo).port;
  process.env.NOTIFY_SMTP_URL = `smtp://127.0.0.1:${smtpPort}`;
  process.env.NOTIFY_EMAIL_TO = "intake-alerts@clinic.example";
  process.env.NOTIFY_EMAIL_FROM = "no-reply@clinic.example";
  process.env.NOTIFY_WEBHOOK_URL = `http://127.0.0.1:${(web.address() as AddressInfo).port}/hook`;
  process.env.PUBLIC_ORIGIN = "https://intake.clinic.example";
  resetConfigForTests();
});
useMigratedDatabase();
afterAll(async () => {
  await new Promise<void>((r) => smtp.close(() => r()));
  await new Promise<void>((r) => web.close(() => r()));
});

const waitFor = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
};

describe("urgent notification", () => {
  it("e-mails and calls the webhook when an urgent intake arrives, saying nothing about it but where to look", async () => {
    const before = mails.length;
    const response = await postIntake(fullIntake({ phq9_9: 2, si_thoughts_past_month: "yes", si_intent: "yes", si_plan: "yes" }, { submittedAt: undefined }));
    expect(response.status).toBe(201);
    await waitFor(() => mails.length > before && hooks.length > 0);
    const mail = mails.at(-1)!;
    expect(mail.to).toEqual(["intake-alerts@clinic.example"]);
    expect(mail.data).toContain(`Subject: ${URGENT_SUBJECT}`);
    expect(mail.data).toContain("https://intake.clinic.example/dashboard");
    for (const secret of ["Zo", "Bélanger", "zoe.belanger", "KT-", "suicide", "PHQ"]) expect(mail.data).not.toContain(secret);
    expect(hooks.at(-1)).toEqual({ event: "urgent_intake_waiting", dashboard: "https://intake.clinic.example/dashboard" });
  });

  it("sends nothing for an intake that is not urgent", async () => {
    const before = mails.length;
    expect((await postIntake(fullIntake({}, { submittedAt: undefined }))).status).toBe(201);
    await new Promise((r) => setTimeout(r, 300));
    expect(mails.length).toBe(before);
  });

  it("never throws when the mail server is down", async () => {
    process.env.NOTIFY_SMTP_URL = "smtp://127.0.0.1:1";
    resetConfigForTests();
    await expect(sendUrgentNotifications()).resolves.toBeUndefined();
  });
});
