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

export function urgentMessage(dashboardUrl: string): string {
  return [
    "An intake marked urgent has been received and is waiting for review.",
    "",
    `Sign in to the dashboard to see it: ${dashboardUrl}`,
    "",
    "This message contains no details by design.",
  ].join("\n");
}

function dashboardUrl(config: AppConfig): string {
  return `${config.publicOrigin ?? `http://localhost:${config.port}`}/dashboard`;
}

export async function sendUrgentNotifications(config: AppConfig = getConfig()): Promise<void> {
  const url = dashboardUrl(config);
  const tasks: Promise<unknown>[] = [];
  if (mailConfigured(config)) tasks.push(sendMail(config, { to: config.notify.emailTo!, subject: URGENT_SUBJECT, text: urgentMessage(url) }));
  if (config.notify.webhookUrl) {
    tasks.push(
      fetch(config.notify.webhookUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ event: "urgent_intake_waiting", dashboard: url }),
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
