/**
 * Today's date (UTC, YYYY-MM-DD). `ZTM_TODAY` pins it, so that acceptance
 * expiry in tests and in reproducible CI runs does not drift with the clock.
 * Set to anything but a calendar date, it is refused, never ignored: the CLI
 * checks it before any command runs (todayOverrideProblem).
 */
import { isCalendarDate } from './calendar-date.js';

/** Why `ZTM_TODAY` cannot be used, or undefined when it is unset, empty or a calendar date. */
export function todayOverrideProblem(pinned: string | undefined = process.env.ZTM_TODAY): string | undefined {
  if (!pinned || isCalendarDate(pinned)) return undefined;
  return `ZTM_TODAY is ${JSON.stringify(pinned.length > 60 ? `${pinned.slice(0, 57)}...` : pinned)}, which is not a calendar date; set it as YYYY-MM-DD (e.g. 2026-12-01), or unset it to use today's date`;
}

export function today(): string {
  const pinned = process.env.ZTM_TODAY;
  const problem = todayOverrideProblem(pinned);
  if (problem) throw new Error(problem);
  return pinned || new Date().toISOString().slice(0, 10);
}
