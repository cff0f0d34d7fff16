/**
 * Bad usage, as ztm prints it (exit 2): its own messages and commander's. Each
 * can quote what the user typed (an option value, a file name, a Region), which
 * may hold terminal escapes; that text is shown as `\uXXXX`, like a model's.
 */
import { terminalSafe } from '../report/escape.js';
import { EXIT } from './exit-codes.js';
import type { CommandContext } from './main.js';

/** `ztm <command>: <message>` on stderr, and exit 2. */
export function refuseUsage(ctx: CommandContext, command: string, message: string): void {
  ctx.io.stderr(`ztm ${command}: ${terminalSafe(message)}\n`);
  ctx.exitCode = EXIT.badInput;
}

/** commander's suggestion, the one line break of its messages: built from ztm's own option and command names. */
const SUGGESTION = /\n\(Did you mean [^\n]*\?\)$/;

/** A commander error message (`error: option '--format <format>' argument '…' is invalid. …\n`), each line of it safe. */
export function commanderErrorText(text: string): string {
  const message = text.endsWith('\n') ? text.slice(0, -1) : text;
  const suggestion = SUGGESTION.exec(message)?.[0] ?? '';
  return `${terminalSafe(message.slice(0, message.length - suggestion.length))}${suggestion}\n`;
}
