/** `ztm diff`: compare two reports. Loaded only when the command runs. */
import { EXIT } from '../exit-codes.js';
import { deliver, printDiagnostics } from '../io.js';
import type { CommandContext } from '../main.js';
import { outputProblem } from '../output-files.js';
import { refuseUsage } from '../usage.js';
import { InputError } from '../../model/diagnostics.js';
import { shortList } from '../../report/short-list.js';
import { diffReports, newOpenAtOrAbove } from '../../report/diff.js';
import { renderDiffJson } from '../../report/diff/json.js';
import { renderDiffMarkdown } from '../../report/diff/markdown.js';
import { renderDiffTerminal } from '../../report/diff/terminal.js';
import { colorWanted, makePalette } from '../../report/palette.js';
import { readReport } from '../../report/read-report.js';
import type { DiffFlags } from '../commands/diff.js';

export async function runDiff(ctx: CommandContext, oldFile: string, newFile: string, flags: DiffFlags): Promise<void> {
  const problem = flags.output === undefined ? undefined : outputProblem([{ name: 'old report', file: oldFile }, { name: 'new report', file: newFile }], [{ name: '-o', file: flags.output }]);
  if (problem) return refuseUsage(ctx, 'diff', problem);
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
  await deliver(ctx.io, flags.output, text);
  const failing = flags.failOnNew ? newOpenAtOrAbove(diff, flags.failOnNew) : [];
  if (flags.failOnNew) {
    ctx.io.stderr(failing.length ? `diff: FAILED: ${failing.length} new open threat${failing.length === 1 ? '' : 's'} at or above ${flags.failOnNew}: ${shortList(failing.map((t) => t.id))}\n` : `diff: passed: no new open threat at or above ${flags.failOnNew}\n`);
  }
  ctx.exitCode = failing.length ? EXIT.gateFailed : EXIT.ok;
}
