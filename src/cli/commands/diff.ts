import { Command, Option } from 'commander';
import { EXIT } from '../exit-codes.js';
import { printDiagnostics, writeOutput } from '../io.js';
import type { CommandContext } from '../main.js';
import { SEVERITIES, type Severity } from '../../analysis/threat.js';
import { InputError } from '../../model/diagnostics.js';
import { diffReports, newOpenAtOrAbove } from '../../report/diff.js';
import { renderDiffJson } from '../../report/diff/json.js';
import { renderDiffMarkdown } from '../../report/diff/markdown.js';
import { renderDiffTerminal } from '../../report/diff/terminal.js';
import { colorWanted, makePalette } from '../../report/palette.js';
import { readReport } from '../../report/read-report.js';

export const DIFF_FORMATS = ['terminal', 'markdown', 'json'] as const;

interface DiffFlags {
  format: (typeof DIFF_FORMATS)[number];
  output?: string;
  failOnNew?: Severity;
  color: boolean;
}

export function registerDiff(program: Command, ctx: CommandContext): void {
  program
    .command('diff')
    .description('Compare two JSON reports: new, resolved and changed threats (by stable id).')
    .argument('<old>', 'earlier report (ztm analyze --format json)')
    .argument('<new>', 'later report')
    .addOption(new Option('-f, --format <format>', 'output format').choices(DIFF_FORMATS).default('terminal'))
    .option('-o, --output <file>', 'write to a file (atomically) instead of stdout')
    .addOption(new Option('--fail-on-new <severity>', 'exit 1 when a new open threat reaches this severity').choices(SEVERITIES))
    .option('--no-color', 'plain terminal output')
    .addHelpText('after', `
Exit codes: 0 compared (or no new open threat reaches --fail-on-new); 1 one does; 2 bad report or usage.

Examples:
  ztm diff main.json pr.json
  ztm diff main.json pr.json --format markdown -o comment.md --fail-on-new high`)
    .action(async (oldFile: string, newFile: string, flags: DiffFlags) => {
      let diff;
      try {
        const before = readReport(oldFile, 'old report');
        const after = readReport(newFile, 'new report');
        diff = diffReports(before, after);
      } catch (err) {
        if (!(err instanceof InputError)) throw err;
        printDiagnostics(ctx.io, err.diagnostics, makePalette(colorWanted(process.stderr, flags.color)));
        ctx.exitCode = EXIT.badInput;
        return;
      }
      const palette = makePalette(flags.format === 'terminal' && !flags.output && colorWanted(process.stdout, flags.color));
      const text = flags.format === 'json' ? renderDiffJson(diff) : flags.format === 'markdown' ? renderDiffMarkdown(diff) : renderDiffTerminal(diff, palette);
      if (flags.output) {
        await writeOutput(flags.output, text);
        ctx.io.stderr(`wrote ${flags.output}\n`);
      } else ctx.io.stdout(text);
      const failing = flags.failOnNew ? newOpenAtOrAbove(diff, flags.failOnNew) : [];
      if (flags.failOnNew) {
        ctx.io.stderr(failing.length ? `diff: FAILED: ${failing.length} new open threat${failing.length === 1 ? '' : 's'} at or above ${flags.failOnNew}: ${failing.map((t) => t.id).join(', ')}\n` : `diff: passed: no new open threat at or above ${flags.failOnNew}\n`);
      }
      ctx.exitCode = failing.length ? EXIT.gateFailed : EXIT.ok;
    });
}
