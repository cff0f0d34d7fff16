/** `1204` → `1,204`: the same on every machine, with no locale data loaded. */
export function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `1 flow`, `2 flows`, `1,204 threats`, `2 boundaries` (with `many` given). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${thousands(n)} ${n === 1 ? one : many}`;
}
