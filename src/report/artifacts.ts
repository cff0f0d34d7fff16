/**
 * Files derived from the source and committed: the report's JSON Schema and the
 * rendered example review. `npm run examples` rewrites them (run this file after
 * a build); test/report-schema.test.ts and test/report-example.test.ts fail when
 * either is stale.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { reportJsonSchema } from './report-schema.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const REPORT_SCHEMA_FILE = 'schema/ztm-report-v1.schema.json';
export const EXAMPLE_FILE = 'examples/orders-platform-review.md';
export const EXAMPLE_MODEL = 'fixtures/valid/orders-platform.yaml';
/** The day the example is rendered on: acceptance expiry depends on it. */
export const EXAMPLE_TODAY = '2026-12-01';

export function reportSchemaText(): string {
  return `${JSON.stringify(reportJsonSchema(), null, 2)}\n`;
}

/** The example review, rendered by the built CLI exactly as a user would. */
export function exampleText(): string {
  const r = spawnSync(process.execPath, ['bin/ztm.js', 'analyze', EXAMPLE_MODEL, '--format', 'markdown', '--fail-on', 'none'], {
    cwd: ROOT,
    env: { ...process.env, ZTM_TODAY: EXAMPLE_TODAY, NO_COLOR: '1' },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`ztm analyze exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

function writeIfChanged(rel: string, text: string): void {
  const file = `${ROOT}${rel}`;
  let old: string | undefined;
  try {
    old = readFileSync(file, 'utf8');
  } catch {
    old = undefined;
  }
  if (old === text) return void process.stdout.write(`unchanged ${rel}\n`);
  writeFileSync(file, text);
  process.stdout.write(`wrote ${rel}\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeIfChanged(REPORT_SCHEMA_FILE, reportSchemaText());
  writeIfChanged(EXAMPLE_FILE, exampleText());
}
