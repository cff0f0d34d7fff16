/** Every model in fixtures/valid is a real design that validates through the CLI, and through the shipped JSON Schema. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { ROOT, fixture, runZtm } from './helpers/cli.js';

const DIR = fixture('valid');
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort();
/** The design sketch keeps its two deliberate warnings (an unused data asset, an unconnected Cognito pool). */
const WARNINGS_ALLOWED = new Set(['orders-platform.yaml']);
const REAL_DESIGNS = ['three-tier-web.yaml', 'serverless-api.yaml', 's3-data-lake.yaml', 'multi-account-admin.yaml', 'eks-microservices.yaml'];

const load = (f: string) => yaml.load(readFileSync(join(DIR, f), 'utf8'), { schema: yaml.CORE_SCHEMA }) as Record<string, unknown>;

const schema = JSON.parse(readFileSync(join(ROOT, 'schema/ztm-model-v1.schema.json'), 'utf8'));
const validate = new Ajv2020.default({ strict: false, allErrors: true }).compile(schema);

describe('fixtures/valid', () => {
  it('holds the design sketch and the five real designs', () => {
    expect(FILES).toEqual(expect.arrayContaining(['orders-platform.yaml', ...REAL_DESIGNS]));
  });

  it.each(FILES)('%s validates with exit 0 and no errors', (f) => {
    const r = runZtm(['validate', join(DIR, f)]);
    expect(r.stderr).not.toMatch(/: error: /);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${f}: valid`);
    if (!WARNINGS_ALLOWED.has(f)) expect(r.stderr).toBe('');
  });

  it.each(FILES)('%s matches the shipped JSON Schema', (f) => {
    expect(validate(load(f)), JSON.stringify(validate.errors)).toBe(true);
  });
});

describe('the real-design fixtures', () => {
  it.each(REAL_DESIGNS)('%s starts with the editor schema line and fills in the review context', (f) => {
    expect(readFileSync(join(DIR, f), 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=../../schema/ztm-model-v1.schema.json');
    const model = load(f);
    for (const key of ['description', 'owner', 'updated', 'scope', 'account', 'boundaries', 'data', 'components', 'flows']) {
      expect(model, `${f} lacks ${key}`).toHaveProperty(key);
    }
    expect((model.assumptions as unknown[]).length).toBeGreaterThan(0);
    expect((model.out_of_scope as unknown[]).length).toBeGreaterThan(0);
  });

  it('declare realistic gaps, not only good controls', () => {
    for (const f of REAL_DESIGNS) {
      const flows = load(f).flows as { auth?: string; protocol: string; tls?: boolean }[];
      const weak = flows.filter((x) => x.auth === undefined || ['none', 'api-key', 'password', 'access-keys'].includes(x.auth) || x.protocol === 'http');
      expect(weak.length, `${f} has no weak flow for the analysis to find`).toBeGreaterThan(0);
    }
  });

  it('at least two carry risk acceptances that expire well in the future', () => {
    const withAccept = REAL_DESIGNS.filter((f) => ((load(f).accept as unknown[] | undefined) ?? []).length > 0);
    expect(withAccept.length).toBeGreaterThanOrEqual(2);
    for (const f of withAccept) {
      for (const a of load(f).accept as { expires: string }[]) expect(a.expires > '2027-06-30', `${f}: ${a.expires}`).toBe(true);
    }
  });
});
