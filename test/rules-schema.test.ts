/** The shipped JSON Schema of rule files agrees with the loader: what loads fits it, a shape the loader refuses does not. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/cli.js';

const schema = JSON.parse(readFileSync(join(ROOT, 'schema/ztm-rules-v1.schema.json'), 'utf8'));
const validate = new Ajv2020.default({ strict: false, allErrors: true }).compile(schema);
const load = (file: string) => yaml.load(readFileSync(join(ROOT, file), 'utf8'), { schema: yaml.CORE_SCHEMA }) as Record<string, unknown>;
const filesIn = (dir: string) => readdirSync(join(ROOT, dir)).filter((f) => f.endsWith('.yaml')).map((f) => `${dir}/${f}`);

const LOADABLE = [...filesIn('rules'), ...['good', 'conditional', 'boundary'].flatMap((d) => filesIn(`fixtures/custom-rules/${d}`))];

describe('schema/ztm-rules-v1.schema.json', () => {
  it.each(LOADABLE)('%s fits it', (file) => {
    expect(validate(load(file)), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  it('refuses what the loader refuses for its shape: a wrong likelihood, a condition of two keys, an unknown key', () => {
    expect(validate(load('fixtures/custom-rules/bad/broken.yaml'))).toBe(false);
    expect(validate.errors?.some((e) => e.instancePath === '/rules/0/severity/likelihood')).toBe(true);
    const good = load('fixtures/custom-rules/good/team.yaml') as { rules: Record<string, unknown>[] };
    const twoKeys = structuredClone(good);
    twoKeys.rules[0]!.when = [{ kind: 'lambda', exposed: true }];
    expect(validate(twoKeys)).toBe(false);
    const recommendTwoKeys = structuredClone(good);
    (recommendTwoKeys.rules[0]!.recommend as Record<string, unknown>[])[0]!.when = [{ kind: 'lambda', exposed: true }];
    expect(validate(recommendTwoKeys)).toBe(false);
    const unknownKey = structuredClone(good);
    unknownKey.rules[0]!.severty = { likelihood: 'low', impact: 'low' };
    expect(validate(unknownKey)).toBe(false);
  });
});
