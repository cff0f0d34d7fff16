/**
 * zod, as every schema of ztm uses it: without its just-in-time compiler,
 * which builds parsers with `new Function`. ztm runs on files anyone can change
 * in a pull request and never evaluates code; nothing from an input reaches
 * that compiler, but a tool that says "never eval" should not eval at all.
 * Measured: about 10 % slower validation of a 10,000-component model.
 */
import { z } from 'zod';

z.config({ jitless: true });

export { z };

/** The JSON Schema (draft 2020-12) of what a zod schema accepts as input, under its published id and title. */
export function publishedJsonSchema(schema: z.ZodType, id: string, title: string): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  return { $schema: json.$schema, $id: id, title, ...json };
}
