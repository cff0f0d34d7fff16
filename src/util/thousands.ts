/** `1204` → `1,204`: the same on every machine, with no locale data loaded. */
export function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
