/** `ztm schema`: print the JSON Schema of the format. Loaded only when the command runs. */
import type { CommandContext } from '../main.js';
import { modelJsonSchema } from '../../model/json-schema.js';

export async function runSchema(ctx: CommandContext): Promise<void> {
  ctx.io.stdout(`${JSON.stringify(modelJsonSchema(), null, 2)}\n`);
}
