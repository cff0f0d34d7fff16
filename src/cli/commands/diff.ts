import { Command, Option } from 'commander';
import type { CommandContext } from '../main.js';
import { SEVERITIES, type Severity } from '../../analysis/threat.js';

export const DIFF_FORMATS = ['terminal', 'markdown', 'json'] as const;

export interface DiffFlags {
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
    .action(async (oldFile: string, newFile: string, flags: DiffFlags) => (await import('../actions/diff.js')).runDiff(ctx, oldFile, newFile, flags));
}
