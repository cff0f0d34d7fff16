/** Dates as ztm reads them: YYYY-MM-DD, and a day the calendar has (no 2026-02-30). One check for every date. */
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export function isCalendarDate(s: string): boolean {
  if (!DATE_PATTERN.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** What to say of a date that is not one: `<what> "<value>", which is not a calendar date; ...`. */
export function notACalendarDate(what: string, value: string): string {
  return `${what} ${JSON.stringify(value)}, which is not a calendar date; write a real date as YYYY-MM-DD`;
}
