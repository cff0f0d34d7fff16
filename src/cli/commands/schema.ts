import type { Command } from 'commander';
import type { CommandContext } from '../main.js';

export function registerSchema(program: Command, ctx: CommandContext): void {
  program
    .command('schema')
    .description('Print the JSON Schema of the architecture format (for editors and other tools).')
    .option('--rules', 'print the JSON Schema of rule files (--rules DIR) instead')
    .addHelpText('after', `
The same schemas ship in the package as schema/ztm-model-v1.schema.json and
schema/ztm-rules-v1.schema.json. In an editor with the YAML language server, put
this first line in a model (or, with the rules schema, in a rule file):
  # yaml-language-server: $schema=./node_modules/ztm/schema/ztm-model-v1.schema.json

Examples:
  ztm schema > ztm-model.schema.json
  ztm schema --rules > ztm-rules.schema.json`)
    .action(async (options: { rules?: boolean }) => (await import('../actions/schema.js')).runSchema(ctx, options));
}
