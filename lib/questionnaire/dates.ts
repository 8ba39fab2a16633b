/** Calendar helpers for ISO dates (YYYY-MM-DD) and months (YYYY-MM). Universal, no clock. */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;

export function isRealDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

export function isRealMonth(value: string): boolean {
  const m = MONTH.exec(value);
  return !!m && Number(m[2]) >= 1 && Number(m[2]) <= 12;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

// One formatter per time zone: making one costs far more than using it (an export dates 100,000 rows).
const dayFormats = new Map<string, Intl.DateTimeFormat>();
const dayFormat = (timeZone: string) => {
  let format = dayFormats.get(timeZone);
  if (!format) dayFormats.set(timeZone, (format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" })));
  return format;
};

/** The calendar date of an instant in a time zone, as YYYY-MM-DD. */
export function calendarDateIn(instant: Date, timeZone: string): string {
  const parts = dayFormat(timeZone).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get("year")}-${get("month")}-${get("day")}`;
}

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

// RFC 3339 instant with a time zone designator (Z or ±hh:mm), optional fraction.
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/i;

export function parseInstant(value: string): Date | null {
  const m = INSTANT.exec(value);
  if (!m) return null;
  if (!isRealDate(`${m[1]}-${m[2]}-${m[3]}`)) return null;
  if (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6]) > 59) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms);
}

/** The instant a calendar day starts in a time zone, as an ISO string (stored instants are UTC). */
export function dayStart(date: string, timeZone: string): string {
  // The instant of local midnight: try the offsets a zone can have and keep the one that maps back.
  for (let offset = -14; offset <= 14; offset++) {
    const candidate = new Date(`${date}T00:00:00Z`);
    candidate.setUTCHours(candidate.getUTCHours() - offset);
    const local = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", hourCycle: "h23" }).format(candidate);
    if (local.startsWith(`${date}, 00`)) return candidate.toISOString();
  }
  return new Date(`${date}T00:00:00Z`).toISOString();
}

/** The calendar day after `date` (YYYY-MM-DD). */
export function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Whole years from a birth date to the reference date; a 29 February birthday counts on 1 March. */
export function ageOn(dateOfBirth: string, referenceDate: string): number {
  const [by, bm, bd] = dateOfBirth.split("-").map(Number) as [number, number, number];
  const [ry, rm, rd] = referenceDate.split("-").map(Number) as [number, number, number];
  const reached = rm > bm || (rm === bm && rd >= bd);
  return ry - by - (reached ? 0 : 1);
}
