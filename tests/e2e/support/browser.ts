import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

/** Debian's Chromium, driven by playwright-core (no browser download). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const BASE_URL = process.env.E2E_BASE_URL ?? "http://127.0.0.1:3100";

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

export const PHONE = { width: 360, height: 740 };
export const DESKTOP = { width: 1280, height: 900 };

/** A page on the suite's server, or on `baseUrl` (a spec that starts a server of its own). */
export async function newPage(browser: Browser, viewport = PHONE, baseUrl = BASE_URL): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, baseURL: baseUrl, locale: "en-CA", timezoneId: "America/Toronto" });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}
