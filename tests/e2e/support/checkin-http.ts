import { CHECKIN_SECTIONS } from "@/lib/checkin-flow/steps";
import { CHECKIN_SEND_PATH } from "@/lib/checkin-flow/send-state";
import { toFormValues, type FormValues } from "@/lib/intake-wizard/form-values";
import type { SectionDef } from "@/lib/questionnaire/types";

/**
 * The check-in as a browser without JavaScript drives it, over plain HTTP (no browser): the link
 * page, Start, the date-of-birth page and its post, each step's page and its post (the server
 * action's own hidden fields read from the page), the review page, and the send. Used by the fault
 * specs and by the bench (bench/sections/checkin-submit.ts).
 */

/** A calm check-in (PHQ-9 8, nothing reported): no flag, no notification, no follow-up question. */
export const CALM_CHECKIN: Readonly<Record<string, unknown>> = {
  ...Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`phq9_${i + 1}`, i < 8 ? Math.max(0, Math.min(3, 8 - i * 3)) : 0])),
  mania_symptoms_past_week: ["none"],
  si_thoughts_since_last: "no",
  si_safe_now: "yes",
  si_attempt_since_last: "no",
  self_harm_since_last: "no",
  side_effects: ["none"],
  global_change: "a_little_better",
};

/** The form fields a browser posts for a step's values (the inverse of lib/intake-wizard/form-data's formValuesFromFormData). */
export function formFieldsOf(section: SectionDef, values: FormValues): [string, string][] {
  const fields: [string, string][] = [];
  for (const item of section.items) {
    const value = values[item.id];
    if (item.type === "bool") {
      if (value === true) fields.push([item.id, "on"]);
    } else if (Array.isArray(value)) for (const v of value) fields.push([item.id, String(v)]);
    else if (value && typeof value === "object") for (const [part, v] of Object.entries(value)) fields.push([`${item.id}.${part}`, String(v)]);
    else if (value !== null && value !== undefined && value !== "") fields.push([item.id, String(value)]);
  }
  return fields;
}

const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

/** The hidden inputs of the page's form that holds `marker` (a server action's own fields, _section, _layout). */
export function hiddenFieldsOf(html: string, marker: RegExp): [string, string][] {
  const form = [...html.matchAll(/<form[^>]*>([\s\S]*?)<\/form>/gi)].map((m) => m[1]!).find((f) => marker.test(f));
  if (!form) throw new Error(`the page has no form with ${marker}`);
  return [...form.matchAll(/<input[^>]*type="hidden"[^>]*>/g)].map(([tag]) => [unescape(/name="([^"]*)"/.exec(tag)?.[1] ?? ""), unescape(/value="([^"]*)"/.exec(tag)?.[1] ?? "")]);
}

/** A browser's session without scripts: a cookie jar of one cookie per name, form posts as this site's own page sends them. */
export function formSession(baseUrl: string, address?: string) {
  const jar = new Map<string, string>();
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const forwarded: Record<string, string> = address ? { "x-forwarded-for": address } : {};
  const keep = (r: Response) => {
    for (const c of r.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const at = pair!.indexOf("=");
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
  };
  return {
    cookie,
    async get(p: string): Promise<{ status: number; text: string }> {
      const r = await fetch(`${baseUrl}${p}`, { headers: { cookie: cookie(), ...forwarded }, redirect: "manual", signal: AbortSignal.timeout(15_000) });
      keep(r);
      return { status: r.status, text: await r.text() };
    },
    /** `plain`: a plain HTML form (urlencoded, as the Start form is); otherwise multipart, as React's server-action forms post. */
    async post(p: string, fields: [string, string][], plain = false): Promise<{ status: number; location: string; text: string }> {
      const body = plain ? new URLSearchParams(fields) : new FormData();
      if (!plain) for (const [k, v] of fields) (body as FormData).append(k, v);
      const r = await fetch(`${baseUrl}${p}`, {
        method: "POST",
        headers: { origin: "null", "sec-fetch-site": "same-origin", "sec-fetch-mode": "navigate", cookie: cookie(), ...forwarded },
        body,
        redirect: "manual",
        signal: AbortSignal.timeout(15_000),
      });
      keep(r);
      return { status: r.status, location: r.headers.get("location") ?? "", text: await r.text() };
    },
    /** The review page's script sending the check-in: a same-origin fetch to the send's JSON route, no body. */
    async sendByScript(): Promise<{ status: number; retryAfter: string | null; setCookie: string[]; body: Record<string, unknown> }> {
      const r = await fetch(`${baseUrl}${CHECKIN_SEND_PATH}`, {
        method: "POST",
        headers: { origin: new URL(baseUrl).origin, "sec-fetch-site": "same-origin", "sec-fetch-mode": "cors", accept: "application/json", cookie: cookie(), ...forwarded },
        signal: AbortSignal.timeout(15_000),
      });
      keep(r);
      return { status: r.status, retryAfter: r.headers.get("retry-after"), setCookie: r.headers.getSetCookie(), body: (await r.json()) as Record<string, unknown> };
    },
  };
}

export type FormSession = ReturnType<typeof formSession>;

/** Opens the link, confirms the date of birth and answers every step; returns the review page's send form (its hidden fields). */
export async function checkinUpToReview(session: FormSession, token: string, dateOfBirth: string, answers: Readonly<Record<string, unknown>> = CALM_CHECKIN): Promise<[string, string][]> {
  const must = <T extends { status: number }>(what: string, status: number, r: T): T => {
    if (r.status !== status) throw new Error(`${what} answered ${r.status}, not ${status}`);
    return r;
  };
  must("the link page", 200, await session.get(`/check-in/${token}`));
  must("Start", 303, await session.post(`/check-in/${token}/start`, [], true));
  must("the date-of-birth page", 200, await session.get(`/check-in/${token}/date-of-birth`));
  const [year, month, day] = dateOfBirth.split("-");
  let next = must("the date of birth", 303, await session.post(`/check-in/${token}/start`, [["date_of_birth.day", day!], ["date_of_birth.month", month!], ["date_of_birth.year", year!]], true)).location;
  for (const section of CHECKIN_SECTIONS) {
    const page = new URL(next, "http://x").pathname;
    if (page !== `/check-in/step/${section.id}`) throw new Error(`expected the step ${section.id}, went to ${page}`);
    const hidden = hiddenFieldsOf(must(section.id, 200, await session.get(page)).text, /name="_section"/);
    next = must(`${section.id}'s post`, 303, await session.post(page, [...hidden, ...formFieldsOf(section, toFormValues(section, answers))])).location;
  }
  if (new URL(next, "http://x").pathname !== "/check-in/step/review") throw new Error(`expected the review, went to ${next}`);
  return hiddenFieldsOf(must("the review", 200, await session.get("/check-in/step/review")).text, /Send my check-in/);
}

/** The confirmation the send's own response shows. */
export const CHECKIN_SENT = "Your check-in has been sent";
