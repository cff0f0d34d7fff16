/** Models made by the benchmark's generator (bench/generate.mjs), written to a temporary file. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error: the benchmark's generator is plain JavaScript
import { generateModel } from '../../bench/generate.mjs';

export function generatedModel(n: number): string {
  const file = join(mkdtempSync(join(tmpdir(), 'ztm-generated-')), `model-${n}.yaml`);
  writeFileSync(file, (generateModel as (n: number) => string)(n));
  return file;
}
