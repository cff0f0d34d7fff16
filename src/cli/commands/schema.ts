import type { Command } from 'commander';
import type { CommandContext } from '../main.js';

export function registerSchema(program: Command, ctx: CommandContext): void {
  program
    .command('schema')
    .description('Print the JSON Schema of the architecture format (for editors and other tools).')
    .addHelpText('after', `
The same schema ships in the package as schema/ztm-model-v1.schema.json. In an editor
with the YAML language server, put this first line in a model:
  # yaml-language-server: $schema=./node_modules/ztm/schema/ztm-model-v1.schema.json

Examples:
  ztm schema > ztm-model.schema.json`)
    .action(async () => (await import('../actions/schema.js')).runSchema(ctx));
}
