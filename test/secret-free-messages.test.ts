/**
 * A hostile pull request can point ztm at a `.env` file (a link named
 * arch.yaml, a config's `rules.directories`): no message may copy its text into
 * the CI log. What is wrong is said by the value's kind and size.
 */
import { mkdtempSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, runZtm } from './helpers/cli.js';

const SECRET = 'DB_PASSWORD=supersecret123\nAWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI\n';
/** The YAML reads the two lines as one string, joined by a space. */
const STRING = 'a string of 62 characters';
const MODEL = fixture('valid/orders-platform.yaml');

function dir(): string {
  const d = mkdtempSync(join(tmpdir(), 'ztm-secret-'));
  writeFileSync(join(d, '.env'), SECRET);
  return d;
}

function expectRefused(args: string[], stderr: string): void {
  const r = runZtm(args);
  expect([r.code, r.stdout, r.stderr]).toEqual([2, '', stderr]);
  expect(r.stderr).not.toMatch(/supersecret|wJalr/);
}

describe('a .env file where ztm expects', () => {
  it('a model (through a link named arch.yaml)', () => {
    const d = dir();
    symlinkSync(join(d, '.env'), join(d, 'arch.yaml'));
    const file = join(d, 'arch.yaml');
    expectRefused(['validate', file], `${file}:1:1: error: the top level must be a mapping (key: value) starting with \`ztm: 1\`, but it is ${STRING}\n${file}: invalid (1 error)\n`);
  });

  it('a rule file, given to --rules or through a config\'s rules.directories', () => {
    const d = dir();
    mkdirSync(join(d, 'rules'));
    symlinkSync(join(d, '.env'), join(d, 'rules', 'team.yaml'));
    const rule = join(d, 'rules', 'team.yaml');
    const message = `${rule}:1:1: error: the rule file must be a mapping (key: value), not ${STRING}\n`;
    expectRefused(['analyze', MODEL, '--rules', rule], message);
    writeFileSync(join(d, 'ztm.config.yaml'), 'rules:\n  directories: [rules]\n');
    expectRefused(['analyze', MODEL, '--config', join(d, 'ztm.config.yaml')], message);
  });

  it('a config', () => {
    const d = dir();
    const file = join(d, 'ztm.config.yaml');
    symlinkSync(join(d, '.env'), file);
    expectRefused(['analyze', MODEL, '--config', file], `${file}:1:1: error: a ztm config is a mapping of settings (fail_on, format, rules), but this file holds ${STRING}\n`);
  });

  it('a report (--baseline, ztm diff), as a JSON string and as a list', () => {
    const d = dir();
    const text = join(d, 'text.json');
    const list = join(d, 'list.json');
    writeFileSync(text, JSON.stringify(SECRET));
    writeFileSync(list, JSON.stringify(SECRET.split('\n')));
    expectRefused(['analyze', MODEL, '--baseline', text], `${text}:1:1: error: the baseline is a string of 63 characters, not a report: expected the output of \`ztm analyze --format json\`\n`);
    expectRefused(['diff', list, text], `${list}:1:1: error: the old report is a list of 3 items, not a report: expected the output of \`ztm analyze --format json\`\n`);
  });
});

describe('a format version that is not a number is told by its kind', () => {
  it('ztm: in a model, ztm-rules: in a rule file, version in a report', () => {
    const d = dir();
    const model = join(d, 'arch.yaml');
    writeFileSync(model, 'ztm: "supersecret123"\n');
    expectRefused(['validate', model], `${model}:1:6: error: the format version \`ztm\` is a string of 14 characters, not a number; write \`ztm: 1\`\n${model}: invalid (1 error)\n`);
    const rules = join(d, 'rules.yaml');
    writeFileSync(rules, 'ztm-rules: supersecret123\n');
    expectRefused(['analyze', MODEL, '--rules', rules], `${rules}:1:1: error: the rule file has no \`rules\`; add it (a list)\n${rules}:1:12: error: \`ztm-rules\` must be "1", not a string of 14 characters\n`);
    const report = join(d, 'report.json');
    writeFileSync(report, '{"version": "supersecret123"}');
    expectRefused(['analyze', MODEL, '--baseline', report], `${report}:1:1: error: the baseline has a report version that is a string of 14 characters, not a number: expected the output of \`ztm analyze --format json\`\n`);
  });

  it('a number is still shown', () => {
    const d = dir();
    const report = join(d, 'report.json');
    writeFileSync(report, '{"version": 2}');
    expectRefused(['analyze', MODEL, '--baseline', report], `${report}:1:1: error: the baseline is report version 2, and this ztm reads version 1: expected the output of \`ztm analyze --format json\`\n`);
  });
});
