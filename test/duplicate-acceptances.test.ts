/** One acceptance per threat, whether it names the threat by stable id or by rule and `on`. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runZtm } from './helpers/cli.js';

const HEAD = ['ztm: 1', 'name: acceptances', 'components:', '  web: { kind: alb }', '  api: { kind: lambda }', 'flows:', '  - { from: web, to: api, protocol: http }', 'accept:'];
const EXPIRED = '  - { threat: tampering.plaintext-flow, on: web->api, reason: r, by: me, expires: 2026-01-01 }';
const VALID = '  - { threat: tampering.plaintext-flow@web->api, reason: r, by: me, expires: 2027-06-01 }';
const DUPLICATE = 'error: threat tampering.plaintext-flow@web->api is already accepted at line 9; keep one acceptance per threat';

function model(accept: string[], flows: string[] = []): string {
  const dir = mkdtempSync(join(tmpdir(), 'ztm-accept-'));
  const file = join(dir, 'arch.yaml');
  writeFileSync(file, [...HEAD.slice(0, -1), ...flows, 'accept:', ...accept, ''].join('\n'));
  return file;
}

const linesOf = (stderr: string, file: string) => stderr.split('\n').filter(Boolean).map((l) => l.replace(file, 'arch.yaml'));

describe('two acceptances of one threat', () => {
  it.each([
    ['expired, then valid', [EXPIRED, VALID], ['arch.yaml:9:83: warning: acceptance #1 expired on 2026-01-01; the threat counts as open again until it is renewed', `arch.yaml:10:5: ${DUPLICATE}`]],
    ['valid, then expired', [VALID, EXPIRED], [`arch.yaml:10:5: ${DUPLICATE}`, 'arch.yaml:10:83: warning: acceptance #2 expired on 2026-01-01; the threat counts as open again until it is renewed']],
  ])('%s: exit 2 at the second, naming the line of the first, in validate and analyze alike', (_, accept, errors) => {
    const file = model(accept);
    const v = runZtm(['validate', file]);
    expect([v.code, v.stdout, linesOf(v.stderr, file)]).toEqual([2, '', [...errors, 'arch.yaml: invalid (1 error)']]);
    const a = runZtm(['analyze', file, '--format', 'json']);
    expect([a.code, a.stdout, linesOf(a.stderr, file)]).toEqual([2, '', errors]);
  });

  it('other rules on the element and the rule on other elements are other threats: each accepted, exit 0', () => {
    const file = model([
      VALID,
      '  - { threat: spoofing.unauthenticated-internal-flow, on: web->api, reason: r, by: me, expires: 2027-06-01 }',
      '  - { threat: tampering.plaintext-flow, on: api->web, reason: r, by: me, expires: 2027-06-01 }',
    ], ['  - { from: api, to: web, protocol: http }']);
    const r = runZtm(['analyze', file, '--format', 'json', '--fail-on', 'none']);
    expect([r.code, r.stderr]).toEqual([0, 'gate: passed (--fail-on none)\n']);
    const threats = (JSON.parse(r.stdout) as { threats: { id: string; status: string }[] }).threats;
    expect(threats.filter((t) => t.status === 'accepted').map((t) => t.id).sort()).toEqual([
      'spoofing.unauthenticated-internal-flow@web->api',
      'tampering.plaintext-flow@api->web',
      'tampering.plaintext-flow@web->api',
    ]);
  });

  it('100,000 copies: exit 2, 200 errors and a count, no warning per copy', () => {
    const file = model(Array.from({ length: 100_000 }, () => VALID));
    const r = runZtm(['validate', file]);
    expect(r.code).toBe(2);
    const lines = linesOf(r.stderr, file);
    expect(lines).toHaveLength(202);
    expect(lines[0]).toBe(`arch.yaml:10:5: ${DUPLICATE}`);
    expect(lines[199]).toBe(`arch.yaml:209:5: ${DUPLICATE}`);
    expect(lines.slice(200)).toEqual(['ztm: 99,799 more errors not shown; fix the first ones, then check again', 'arch.yaml: invalid (99,999 errors)']);
  });
});
