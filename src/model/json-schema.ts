/** The JSON Schema of the model format, derived from the zod schema. */
import { z } from '../util/zod.js';
import { Architecture } from './schema.js';

export const MODEL_SCHEMA_ID = 'https://ztm.dev/schema/ztm-model-v1.schema.json';

export function modelJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(Architecture, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  return { $schema: schema.$schema, $id: MODEL_SCHEMA_ID, title: 'ztm architecture model, format version 1', ...schema };
}
