/**
 * Everything that is derived from the source and written into the repository:
 * the JSON Schema file and README's generated tables. `npm run gen` writes them
 * (scripts/gen.mjs); test/docs.test.ts fails when either is stale. Reads the
 * built code in dist/, so run it after `npm run build`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderTables } from './tables.mjs';

const dist = (rel) => new URL(`../dist/${rel}`, import.meta.url).href;

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const SCHEMA_FILE = fileURLToPath(new URL('../schema/ztm-model-v1.schema.json', import.meta.url));
export const RULES_SCHEMA_FILE = fileURLToPath(new URL('../schema/ztm-rules-v1.schema.json', import.meta.url));
export const README_FILE = fileURLToPath(new URL('../README.md', import.meta.url));

/** The schema file's text: byte for byte what `ztm schema` prints. */
export async function schemaText() {
  const { modelJsonSchema } = await import(dist('model/json-schema.js'));
  return `${JSON.stringify(modelJsonSchema(), null, 2)}\n`;
}

/** The rules schema file's text: byte for byte what `ztm schema --rules` prints. */
export async function rulesSchemaText() {
  const { rulesJsonSchema } = await import(dist('rules/json-schema.js'));
  return `${JSON.stringify(rulesJsonSchema(), null, 2)}\n`;
}

/** README with every `<!-- generated:NAME -->` … `<!-- /generated:NAME -->` block filled from the catalogs. */
export async function readmeText(current = readFileSync(README_FILE, 'utf8')) {
  const tables = await renderTables(dist);
  let text = current;
  for (const [name, body] of Object.entries(tables)) {
    const open = `<!-- generated:${name} -->`;
    const close = `<!-- /generated:${name} -->`;
    const start = text.indexOf(open);
    const end = text.indexOf(close);
    if (start === -1 || end === -1 || end < start) throw new Error(`README.md lacks the markers ${open} … ${close}`);
    text = `${text.slice(0, start + open.length)}\n${body}\n${text.slice(end)}`;
  }
  return text;
}
