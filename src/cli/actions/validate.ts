/** `ztm validate`: check models. Loaded only when the command runs. */
import { EXIT } from '../exit-codes.js';
import { printDiagnostics } from '../io.js';
import type { CommandContext } from '../main.js';
import { InputError } from '../../model/diagnostics.js';
import { loadModel } from '../../model/load.js';
import { terminalSafe } from '../../report/escape.js';
import { colorWanted, makePalette } from '../../report/palette.js';
import { plural } from '../../util/thousands.js';

export async function runValidate(ctx: CommandContext, files: string[], opts: { color: boolean; quiet?: boolean }): Promise<void> {
  const palette = makePalette(colorWanted(process.stderr, opts.color));
  let failed = 0;
  for (const file of files) {
    try {
      const { graph, warnings } = loadModel(file);
      if (!opts.quiet) {
        printDiagnostics(ctx.io, warnings, palette);
        const counts = [plural(graph.components.size, 'component'), plural(graph.flows.length, 'flow'), plural(graph.boundaries.size, 'boundary', 'boundaries')];
        if (warnings.length) counts.push(plural(warnings.length, 'warning'));
        ctx.io.stdout(`${terminalSafe(file)}: ${palette.ok('valid')} (${counts.join(', ')})\n`);
      }
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      failed++;
      const shown = opts.quiet ? err.diagnostics.filter((d) => d.severity === 'error') : err.diagnostics;
      printDiagnostics(ctx.io, shown, palette);
      const n = err.diagnostics.filter((d) => d.severity === 'error').length;
      ctx.io.stderr(`${terminalSafe(file)}: ${palette.error('invalid')} (${plural(n, 'error')})\n`);
    }
  }
  ctx.exitCode = failed ? EXIT.badInput : EXIT.ok;
}

