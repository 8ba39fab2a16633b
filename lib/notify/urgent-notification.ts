import "server-only";
import { getConfig, type AppConfig } from "@/lib/config";
import { logServerError } from "@/lib/server/log";
import { mailConfigured, sendMail } from "./mail";

/**
 * Tells the clinic that an urgent intake is waiting — by e-mail (SMTP) and/or a webhook, as
 * configured. The message carries no health information, no name and no reference: only that
 * something urgent is waiting, and where to sign in. It never delays or fails a submission.
 */

export const URGENT_SUBJECT = "An urgent intake is waiting for review";
/** A client's check-in during a course raised an urgent safety flag (lib/course-records). */
export const URGENT_CHECKIN_SUBJECT = "An urgent check-in is waiting for review";

/** What is urgent: a new intake, or a check-in of a course. The wording says only which. */
export type UrgentKind = "intake" | "checkin";

const WORDING: Record<UrgentKind, { subject: string; line: string; event: string }> = {
  intake: { subject: URGENT_SUBJECT, line: "An intake marked urgent has been received and is waiting for review.", event: "urgent_intake_waiting" },
  checkin: { subject: URGENT_CHECKIN_SUBJECT, line: "A check-in marked urgent has been received and is waiting for review.", event: "urgent_checkin_waiting" },
};

export function urgentMessage(dashboardUrl: string, kind: UrgentKind = "intake"): string {
  return [
    WORDING[kind].line,
    "",
    `Sign in to the dashboard to see it: ${dashboardUrl}`,
    "",
    "This message contains no details by design.",
  ].join("\n");
}

function dashboardUrl(config: AppConfig): string {
  return `${config.publicOrigin ?? `http://localhost:${config.port}`}/dashboard`;
}

export async function sendUrgentNotifications(config: AppConfig = getConfig(), kind: UrgentKind = "intake"): Promise<void> {
  const url = dashboardUrl(config);
  const wording = WORDING[kind];
  const tasks: Promise<unknown>[] = [];
  if (mailConfigured(config)) tasks.push(sendMail(config, { to: config.notify.emailTo!, subject: wording.subject, text: urgentMessage(url, kind) }));
  if (config.notify.webhookUrl) {
    tasks.push(
      fetch(config.notify.webhookUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ event: wording.event, dashboard: url }),
        signal: AbortSignal.timeout(10_000),
      }).then((r) => {
        if (!r.ok) throw Object.assign(new Error("webhook refused"), { code: `HTTP_${r.status}` });
      }),
    );
  }
  const results = await Promise.allSettled(tasks);
  for (const r of results) if (r.status === "rejected") logServerError("notify.urgent_failed", r.reason);
}

/** Fire and forget after an urgent intake is stored. */
export function notifyUrgentIntake(): void {
  void sendUrgentNotifications().catch((error) => logServerError("notify.urgent_failed", error));
}

/** Fire and forget after a check-in with an urgent safety flag is stored. */
export function notifyUrgentCheckin(): void {
  void sendUrgentNotifications(getConfig(), "checkin").catch((error) => logServerError("notify.urgent_failed", error));
}
