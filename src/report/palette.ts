/** Terminal colours through chalk, or none: not a TTY, NO_COLOR, or --no-color. */
import { Chalk } from 'chalk';

export interface Palette {
  readonly enabled: boolean;
  readonly error: (s: string) => string;
  readonly warning: (s: string) => string;
  readonly ok: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly bold: (s: string) => string;
  readonly severity: (severity: string, s: string) => string;
}

export function makePalette(enabled: boolean): Palette {
  const c = new Chalk({ level: enabled ? 1 : 0 });
  const bySeverity: Record<string, (s: string) => string> = {
    critical: (s) => c.bold.magenta(s),
    high: (s) => c.bold.red(s),
    medium: (s) => c.yellow(s),
    low: (s) => c.cyan(s),
  };
  return {
    enabled,
    error: (s) => c.bold.red(s),
    warning: (s) => c.yellow(s),
    ok: (s) => c.green(s),
    dim: (s) => c.dim(s),
    bold: (s) => c.bold(s),
    severity: (sev, s) => (bySeverity[sev] ?? ((x: string) => x))(s),
  };
}

/** Colour only for an interactive terminal that has not opted out. */
export function colorWanted(stream: NodeJS.WriteStream, flag: boolean | undefined): boolean {
  if (flag === false) return false;
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}
