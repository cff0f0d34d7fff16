/** The JSON Schema of rule files (`ztm-rules: 1`), derived from the zod schema the loader uses. */
import { publishedJsonSchema } from '../util/zod.js';
import { RuleFile } from './schema.js';

export const RULES_SCHEMA_ID = 'https://ztm.dev/schema/ztm-rules-v1.schema.json';

/**
 * For editors: the shape of a rule file. What a schema cannot say (which
 * attributes a condition may test for the rule's scope, STRIDE per element,
 * unique ids) the loader checks, with positioned errors.
 */
export function rulesJsonSchema(): Record<string, unknown> {
  return publishedJsonSchema(RuleFile, RULES_SCHEMA_ID, 'ztm rule file, format version 1');
}
