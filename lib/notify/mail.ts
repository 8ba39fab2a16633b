import "server-only";
import nodemailer from "nodemailer";
import type { AppConfig } from "@/lib/config";

/**
 * The one way the app sends e-mail (NOTIFY_SMTP_URL): the clinic's urgent alerts and a person's
 * resume link. A transport per message, closed after it: mail is rare.
 */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

export const mailConfigured = (config: AppConfig): boolean => config.notify.smtpUrl !== undefined && config.notify.emailTo !== undefined;

export async function sendMail(config: AppConfig, mail: OutgoingMail): Promise<void> {
  if (!config.notify.smtpUrl || !config.notify.emailTo) throw Object.assign(new Error("SMTP is not configured"), { code: "NO_SMTP" });
  const transport = nodemailer.createTransport(config.notify.smtpUrl);
  try {
    await transport.sendMail({ from: config.notify.emailFrom ?? config.notify.emailTo, ...mail });
  } finally {
    transport.close();
  }
}
