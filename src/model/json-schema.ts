/** The JSON Schema of the model format, derived from the zod schema. */
import { publishedJsonSchema } from '../util/zod.js';
import { Architecture } from './schema.js';

export const MODEL_SCHEMA_ID = 'https://ztm.dev/schema/ztm-model-v1.schema.json';

export function modelJsonSchema(): Record<string, unknown> {
  return publishedJsonSchema(Architecture, MODEL_SCHEMA_ID, 'ztm architecture model, format version 1');
}
