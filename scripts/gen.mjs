#!/usr/bin/env node
/** `npm run gen`: rewrite the schema file and README's generated tables from the built source. */
import { readFileSync, writeFileSync } from 'node:fs';
import { README_FILE, RULES_SCHEMA_FILE, SCHEMA_FILE, readmeText, rulesSchemaText, schemaText } from './generated.mjs';

const writeIfChanged = (file, text) => {
  let old = null;
  try { old = readFileSync(file, 'utf8'); } catch { /* new file */ }
  if (old === text) return console.log(`unchanged ${file}`);
  writeFileSync(file, text);
  console.log(`wrote ${file}`);
};

writeIfChanged(SCHEMA_FILE, await schemaText());
writeIfChanged(RULES_SCHEMA_FILE, await rulesSchemaText());
writeIfChanged(README_FILE, await readmeText());
