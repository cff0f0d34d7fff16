/** Every calendar date is checked the same way: the model's `updated`, acceptances' `expires`, and ZTM_TODAY. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, runZtm } from './helpers/cli.js';

function model(date: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'ztm-dates-'));
  const file = join(dir, 'arch.yaml');
  writeFileSync(file, ['ztm: 1', 'name: dates', `updated: ${date}`, 'components:', '  a: { kind: lambda }', '  b: { kind: lambda }',
    'flows:', '  - { from: a, to: b, protocol: https }', 'accept:', `  - { threat: spoofing.x@a, reason: r, by: me, expires: ${date} }`, ''].join('\n'));
  return file;
}

describe('calendar dates in a model', () => {
  it.each(['2026-13-45', '2026-02-30', '2026-00-10'])('%s: `updated` is refused like `expires`, exit 2', (date) => {
    const file = model(date);
    const r = runZtm(['validate', file]);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr.split('\n').filter(Boolean).map((l) => l.replace(file, 'arch.yaml'))).toEqual([
      `arch.yaml:3:10: error: the model was updated on "${date}", which is not a calendar date; write a real date as YYYY-MM-DD`,
      `arch.yaml:10:57: error: acceptance #1 expires on "${date}", which is not a calendar date; write a real date as YYYY-MM-DD`,
      'arch.yaml: invalid (2 errors)',
    ]);
  });

  it('a real date passes: 2028-02-29', () => {
    expect(runZtm(['validate', '-q', model('2028-02-29')])).toMatchObject({ code: 0, stderr: '' });
  });
});

describe('ZTM_TODAY', () => {
  const MODEL = fixture('valid/orders-platform.yaml');
  const refused = (shown: string) => `ztm: error: ZTM_TODAY is ${shown}, which is not a calendar date; set it as YYYY-MM-DD (e.g. 2026-12-01), or unset it to use today's date\n`;

  it.each([
    ['2099-99-99', '"2099-99-99"'],
    ['2026-02-30', '"2026-02-30"'],
    ['tomorrow', '"tomorrow"'],
    ['2026-12-01\u001b[2J\u001b]0;pwned\u0007\n2026-12-01', '"2026-12-01\\u001b[2J\\u001b]0;pwned\\u0007\\n2026-12-01"'],
    ['2026-12-01\u202e10-21-6202', '"2026-12-01\\u202e10-21-6202"'],
  ])('%j: refused with exit 2 and one line showing the value escaped, by validate and analyze', (value, shown) => {
    for (const args of [['validate', MODEL], ['analyze', MODEL]]) {
      const r = runZtm(args, { env: { ZTM_TODAY: value } });
      expect([r.code, r.stdout, r.stderr]).toEqual([2, '', refused(shown)]);
    }
  });

  it('empty means unset: today\'s date from the clock', () => {
    expect(runZtm(['validate', '-q', MODEL], { env: { ZTM_TODAY: '' } })).toMatchObject({ code: 0, stderr: '' });
  });
});
