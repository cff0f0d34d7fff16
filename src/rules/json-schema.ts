/** The JSON Schema of rule files (`ztm-rules: 1`), derived from the zod schema the loader uses. */
import { z } from '../util/zod.js';
import { RuleFile } from './schema.js';

export const RULES_SCHEMA_ID = 'https://ztm.dev/schema/ztm-rules-v1.schema.json';

/**
 * For editors: the shape of a rule file. What a schema cannot say (which
 * attributes a condition may test for the rule's scope, STRIDE per element,
 * unique ids) the loader checks, with positioned errors.
 */
export function rulesJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(RuleFile, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  return { $schema: schema.$schema, $id: RULES_SCHEMA_ID, title: 'ztm rule file, format version 1', ...schema };
}
