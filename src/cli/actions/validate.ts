/** `ztm validate`: check models. Loaded only when the command runs. */
import { EXIT } from '../exit-codes.js';
import { printDiagnostics } from '../io.js';
import type { CommandContext } from '../main.js';
import { InputError } from '../../model/diagnostics.js';
import { loadModel } from '../../model/load.js';
import { terminalSafe } from '../../report/escape.js';
import { colorWanted, makePalette } from '../../report/palette.js';
import { thousands } from '../../util/thousands.js';

export async function runValidate(ctx: CommandContext, files: string[], opts: { color: boolean; quiet?: boolean }): Promise<void> {
  const palette = makePalette(colorWanted(process.stderr, opts.color));
  let failed = 0;
  for (const file of files) {
    try {
      const { graph, warnings } = loadModel(file);
      if (!opts.quiet) {
        printDiagnostics(ctx.io, warnings, palette);
        const w = warnings.length ? `, ${warnings.length} warning${warnings.length === 1 ? '' : 's'}` : '';
        ctx.io.stdout(`${terminalSafe(file)}: ${palette.ok('valid')} (${graph.components.size} components, ${graph.flows.length} flows, ${graph.boundaries.size} boundaries${w})\n`);
      }
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      failed++;
      const shown = opts.quiet ? err.diagnostics.filter((d) => d.severity === 'error') : err.diagnostics;
      printDiagnostics(ctx.io, shown, palette);
      const n = err.diagnostics.filter((d) => d.severity === 'error').length;
      ctx.io.stderr(`${terminalSafe(file)}: ${palette.error('invalid')} (${thousands(n)} error${n === 1 ? '' : 's'})\n`);
    }
  }
  ctx.exitCode = failed ? EXIT.badInput : EXIT.ok;
}
