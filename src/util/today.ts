/**
 * Today's date (UTC, YYYY-MM-DD). `ZTM_TODAY` pins it, so that acceptance
 * expiry in tests and in reproducible CI runs does not drift with the clock.
 */
export function today(): string {
  const pinned = process.env.ZTM_TODAY;
  if (pinned && /^\d{4}-\d{2}-\d{2}$/.test(pinned)) return pinned;
  return new Date().toISOString().slice(0, 10);
}
