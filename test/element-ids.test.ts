/** One id, one element: components, boundaries, data and flow ids share one namespace, and `account` is reserved. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runZtm } from './helpers/cli.js';

function model(lines: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'ztm-ids-'));
  const file = join(dir, 'arch.yaml');
  writeFileSync(file, ['ztm: 1', 'name: ids', ...lines, ''].join('\n'));
  return file;
}

/** stderr of `ztm validate`, the file's path cut from each line. */
function validate(file: string): { code: number | null; lines: string[] } {
  const r = runZtm(['validate', file]);
  return { code: r.code, lines: r.stderr.split('\n').filter(Boolean).map((l) => l.replace(file, 'arch.yaml')) };
}

describe('element ids', () => {
  it('a flow id that is a component id: exit 2 at the flow id, naming the component line (the review repro)', () => {
    const file = model([
      'components:',
      '  u1: { kind: lambda }',
      '  u2: { kind: lambda }',
      'flows:',
      '  - { id: u2, from: u1, to: u2, protocol: https }',
    ]);
    expect(validate(file)).toEqual({ code: 2, lines: [
      'arch.yaml:7:11: error: flow id "u2" is also the id of the component at line 5; every element needs an id of its own',
      'arch.yaml: invalid (1 error)',
    ] });
    expect(runZtm(['analyze', file]).code).toBe(2);
  });

  it('every pair of kinds, in file order: the later one is the error, whichever section comes first', () => {
    const file = model([
      'flows:',
      '  - { id: db, from: web, to: api, protocol: https, data: [card] }',
      'components:',
      '  web: { kind: alb }',
      '  api: { kind: lambda, in: web, stores: [card] }',
      '  db: { kind: rds }',
      '  card: { kind: s3 }',
      'boundaries:',
      '  web: { kind: vpc }',
      'data:',
      '  card: { classification: restricted }',
      '  api: { classification: internal }',
    ]);
    expect(validate(file)).toEqual({ code: 2, lines: [
      'arch.yaml:8:3: error: component id "db" is also the id of the flow at line 4; every element needs an id of its own',
      'arch.yaml:11:3: error: boundary id "web" is also the id of the component at line 6; every element needs an id of its own',
      'arch.yaml:13:3: error: data asset id "card" is also the id of the component at line 9; every element needs an id of its own',
      'arch.yaml:14:3: error: data asset id "api" is also the id of the component at line 7; every element needs an id of its own',
      'arch.yaml: invalid (4 errors)',
    ] });
  });

  it('`account` is reserved for the AWS account in every section', () => {
    const file = model([
      'boundaries:',
      '  account: { kind: aws-account }',
      'data:',
      '  account: { classification: internal }',
      'components:',
      '  account: { kind: lambda }',
      '  web: { kind: alb }',
      'flows:',
      '  - { id: account, from: web, to: account, protocol: https, data: [account] }',
    ]);
    const reserved = (what: string) => `${what} id "account" is reserved: it names the AWS account (\`on: account\`, threat ids \`rule@account\`); rename the ${what}`;
    expect(validate(file)).toEqual({ code: 2, lines: [
      `arch.yaml:4:3: error: ${reserved('boundary')}`,
      `arch.yaml:6:3: error: ${reserved('data asset')}`,
      `arch.yaml:8:3: error: ${reserved('component')}`,
      `arch.yaml:11:11: error: ${reserved('flow')}`,
      'arch.yaml: invalid (4 errors)',
    ] });
  });

  it('two flows with one name stay the duplicate-flow error, whether the name is an id or from->to', () => {
    const file = model([
      'components:',
      '  a: { kind: lambda }',
      '  b: { kind: lambda }',
      'flows:',
      '  - { id: call, from: a, to: b, protocol: https }',
      '  - { id: call, from: b, to: a, protocol: https }',
      '  - { from: a, to: b, protocol: https }',
      '  - { from: a, to: b, protocol: https }',
    ]);
    expect(validate(file)).toEqual({ code: 2, lines: [
      'arch.yaml:8:5: error: flow #2 has the same name "call" as flow #1; give each flow a different id so threats on them can be told apart',
      'arch.yaml:10:5: error: flow #4 has the same name "a->b" as flow #3; merge them or give each an `id` so threats on them can be told apart',
      'arch.yaml: invalid (2 errors)',
    ] });
  });

  it('a flow id cannot be another flow\'s from->to name: ids have no ">"', () => {
    const file = model([
      'components:',
      '  a: { kind: lambda }',
      '  b: { kind: lambda }',
      'flows:',
      '  - { from: a, to: b, protocol: https }',
      '  - { id: a->b, from: b, to: a, protocol: https }',
    ]);
    expect(validate(file)).toEqual({ code: 2, lines: [
      'arch.yaml:8:11: error: flow #2: `id` is not valid ("a->b"): ids use letters, digits, "-", "_" and "." and start and end with a letter or digit',
      'arch.yaml: invalid (1 error)',
    ] });
  });
});
