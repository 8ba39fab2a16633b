// One formatter per time zone: building an Intl.DateTimeFormat costs far more than formatting with it (a course page formats ~100 instants).
const formats = new Map<string, Intl.DateTimeFormat>();

/** Dates for the therapist, in the clinic's time zone. */
export function formatInstant(iso: string, timeZone: string): string {
  let format = formats.get(timeZone);
  if (!format) formats.set(timeZone, (format = new Intl.DateTimeFormat("en-CA", { timeZone, dateStyle: "medium", timeStyle: "short" })));
  return format.format(new Date(iso));
}

export function waitingFor(iso: string, now = Date.now()): string {
  const minutes = Math.max(0, Math.round((now - new Date(iso).getTime()) / 60000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours} h` : `${Math.floor(hours / 24)} days`;
}
