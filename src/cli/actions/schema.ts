/** `ztm schema`: print the JSON Schema of the model format, or of rule files. Loaded only when the command runs. */
import type { CommandContext } from '../main.js';
import { modelJsonSchema } from '../../model/json-schema.js';
import { rulesJsonSchema } from '../../rules/json-schema.js';

export async function runSchema(ctx: CommandContext, options: { rules?: boolean } = {}): Promise<void> {
  ctx.io.stdout(`${JSON.stringify(options.rules ? rulesJsonSchema() : modelJsonSchema(), null, 2)}\n`);
}
