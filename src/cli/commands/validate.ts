import type { Command } from 'commander';
import type { CommandContext } from '../main.js';

export function registerValidate(program: Command, ctx: CommandContext): void {
  program
    .command('validate')
    .description('Check architecture models: shape, references, catalogs. Exit 0 when all are valid, 2 otherwise.')
    .argument('<file...>', 'architecture YAML files')
    .option('--no-color', 'plain output')
    .option('-q, --quiet', 'print errors only, not warnings or the summary')
    .addHelpText('after', `
Examples:
  ztm validate arch.yaml
  ztm validate models/*.yaml --quiet`)
    .action(async (files: string[], opts: { color: boolean; quiet?: boolean }) => (await import('../actions/validate.js')).runValidate(ctx, files, opts));
}
