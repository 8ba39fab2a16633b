/**
 * How long things live, each written once: the code that enforces a lifetime and the text that
 * tells people about it both read it from here. Universal (pages, server code and the wizard).
 */

const MINUTE_MS = 60 * 1000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** An unfinished intake: deleted this long after its last save (the draft cookie lasts as long). */
export const DRAFT_LIFETIME_MS = 7 * DAY_MS;
/** A "come back later" link: works once, for this long after it was issued. */
export const RESUME_LINK_LIFETIME_MS = DRAFT_LIFETIME_MS;
/** The client's copy of what they sent: downloadable from the sending browser for this long. */
export const CLIENT_COPY_LIFETIME_MS = 30 * MINUTE_MS;
/** A therapist session ends this long after sign-in, whatever happens. */
export const SESSION_MAX_AGE_MS = 12 * HOUR_MS;
/** A therapist session ends after this long without a request. */
export const SESSION_IDLE_TIMEOUT_MS = 30 * MINUTE_MS;

/** "7 days", "12 hours", "30 minutes": a lifetime as the text around it says it. */
export function lifetimeInWords(ms: number): string {
  const [count, unit] = ms % DAY_MS === 0 ? [ms / DAY_MS, "day"] : ms % HOUR_MS === 0 ? [ms / HOUR_MS, "hour"] : [Math.round(ms / MINUTE_MS), "minute"];
  return `${count} ${unit}${count === 1 ? "" : "s"}`;
}
