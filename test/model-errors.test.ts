/** One fixture per error class: the exact message, line and column a person sees. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/model/diagnostics.js';
import { loadModel } from '../src/model/load.js';
import { fixture } from './helpers/cli.js';

const TODAY = '2026-12-01';

function errorsOf(file: string): { line: number; column: number; code: string; message: string }[] {
  try {
    loadModel(file, { today: TODAY });
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    return err.diagnostics.map(({ line, column, code, message }) => ({ line, column, code, message }));
  }
  throw new Error(`${file} loaded without errors`);
}

const CASES: [name: string, line: number, column: number, code: string, message: string][] = [
  ['unknown-reference', 9, 9, 'unknown-reference', 'flow #2 goes to "dbb", which is not a component (did you mean "db"?)'],
  ['yaml-syntax', 5, 3, 'yaml-syntax', 'YAML syntax error: missed comma between flow collection entries.'],
  ['empty', 1, 1, 'empty', 'the file is empty: a model starts with `ztm: 1` (run `ztm init` for a starter model).'],
  ['top-level-list', 1, 1, 'not-a-mapping', 'the top level must be a mapping (key: value) starting with `ztm: 1`, but it is a list of 2 items'],
  ['wrong-version', 1, 6, 'format-version', 'this file is format version 2, but this ztm reads version 1; write `ztm: 1` (or upgrade ztm)'],
  ['tabs', 4, 1, 'tab-indent', 'a tab is used for indentation; YAML indents with spaces only. Replace the tab with spaces.'],
  ['duplicate-key', 5, 3, 'yaml-syntax', 'the key "web" appears twice in the same mapping; keys must be unique (merge the two entries or rename one).'],
  ['unknown-key', 6, 5, 'unknown-key', 'component "web" has an unknown key "internet_facin" (did you mean "internet_facing"?); remove it or fix its spelling'],
  ['unknown-kind', 5, 11, 'unknown-value', 'component "fn" has an unknown kind "lamda" (did you mean "lambda"?); run `ztm schema` to see the 35 accepted values'],
  ['unknown-control', 6, 21, 'unknown-control', 'component "web": unknown control "wafx" (did you mean "waf"?); team-specific controls start with "x-" (see `ztm schema` for the catalog)'],
  ['boundary-cycle', 4, 3, 'boundary-cycle', 'boundaries nest in a cycle: a -> b -> a; a boundary cannot be inside itself, so remove one of the `in` keys'],
  ['duplicate-flow', 8, 5, 'duplicate-flow', 'flow #2 has the same name "web->api" as flow #1; merge them or give each an `id` so threats on them can be told apart'],
  ['tls-contradiction', 10, 10, 'contradiction', 'flow #1 says tls: true but http is plaintext by definition; use https or remove `tls`'],
  ['bad-date', 9, 14, 'invalid-value', 'acceptance #1 expires on "2027-02-30", which is not a calendar date; write a real date as YYYY-MM-DD'],
  ['missing-required', 4, 3, 'missing-key', 'component "web" has no `kind`; add it (`ztm schema` lists the 35 accepted values)'],
  ['wrong-type', 6, 22, 'wrong-type', 'component "web": `internet_facing` must be true or false, not "yes"'],
  ['invalid-id', 4, 3, 'invalid-id', 'component id "my web" is not valid: ids use letters, digits, "-", "_" and "." and start and end with a letter or digit; rename it'],
  ['custom-tag', 4, 8, 'yaml-syntax', 'the tag !!js/function is not allowed: ztm reads plain YAML only (no custom tags such as !!js/function); remove the tag.'],
  ['deep-nesting', 3, 77, 'too-deep', 'the file nests lists and mappings deeper than 64 levels here; a model needs far fewer. Flatten this value.'],
];

describe('one fixture per error class', () => {
  it.each(CASES)('%s', (name, line, column, code, message) => {
    expect(errorsOf(fixture(`invalid/${name}.yaml`))).toEqual([{ line, column, code, message }]);
  });

  it('a file that is not UTF-8 names the line and column of the first bad byte', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ztm-utf8-'));
    const file = join(dir, 'not-utf8.yaml');
    writeFileSync(file, Buffer.concat([Buffer.from('ztm: 1\nname: caf'), Buffer.from([0xe9]), Buffer.from('\ncomponents: {}\n')]));
    expect(errorsOf(file)).toEqual([{ line: 2, column: 10, code: 'encoding', message: 'the file has bytes that are not UTF-8 here; save it as UTF-8.' }]);
  });

  /** A model file of these bytes: its one error. */
  const errorsOfBytes = (name: string, bytes: Buffer) => {
    const file = join(mkdtempSync(join(tmpdir(), 'ztm-bytes-')), name);
    writeFileSync(file, bytes);
    return errorsOf(file);
  };

  it('a character YAML does not allow (ESC, a C1 control) is located at the character, with its code', () => {
    const at = (code: string) => ({ line: 2, column: 9, code: 'yaml-syntax', message: `the file holds the character ${code} here, which YAML does not allow in a file (a control character, or half of a UTF-16 pair); remove it, or write it as an escape in a double-quoted string ("\\x1b").` });
    expect(errorsOfBytes('esc.yaml', Buffer.from('ztm: 1\nname: ab\u001b[31mred\ncomponents: {}\n'))).toEqual([at('U+001B')]);
    expect(errorsOfBytes('c1.yaml', Buffer.from('ztm: 1\nname: ab\u009b31mred\ncomponents: {}\n'))).toEqual([at('U+009B')]);
  });

  it('a second document is located at its `---`, or at what follows a `...`', () => {
    const second = (line: number, column: number) => [{ line, column, code: 'yaml-syntax', message: 'a second YAML document starts here; ztm reads one document a file. Remove the `---` line and what follows, or put it in a file of its own.' }];
    expect(errorsOfBytes('two.yaml', Buffer.from('ztm: 1\nname: x\ncomponents: {}\n---\nztm: 1\n'))).toEqual(second(4, 1));
    expect(errorsOfBytes('marked.yaml', Buffer.from('# a model\n---\nztm: 1\nname: x\ncomponents: {}\n--- # again\nztm: 1\n'))).toEqual(second(6, 1));
    expect(errorsOfBytes('ended.yaml', Buffer.from('ztm: 1\nname: x\ncomponents: {}\n...\n# then\n  name: y\n'))).toEqual(second(6, 3));
  });

  it('a key or an id of a megabyte is quoted cut to 60 characters: the message stays one readable line', () => {
    const key = 'k'.repeat(1_000_000);
    expect(errorsOfBytes('big-key.yaml', Buffer.from(`ztm: 1\nname: x\ncomponents:\n  web:\n    kind: alb\n    ${key}: 1\n`))).toEqual([
      { line: 6, column: 5, code: 'unknown-key', message: `component "web" has an unknown key "${'k'.repeat(57)}..."; remove it or fix its spelling` },
    ]);
    const [bad] = errorsOfBytes('big-id.yaml', Buffer.from(`ztm: 1\nname: x\ncomponents:\n  ${'a b'.repeat(1000)}:\n    kind: alb\n`));
    expect(bad!.message).toMatch(/^component id "(a b){19}\.\.\." is not valid: /);
  });

  it('a UTF-32 file is named as such', () => {
    const utf32 = (bom: number[], text: string) => Buffer.concat([Buffer.from(bom), Buffer.from([...text].flatMap((c) => (bom[0] === 0 ? [0, 0, 0, c.charCodeAt(0)] : [c.charCodeAt(0), 0, 0, 0])))]);
    const encoding = (kind: string) => [{ line: 1, column: 1, code: 'encoding', message: `the file is ${kind}; save it as UTF-8.` }];
    expect(errorsOfBytes('le.yaml', utf32([0xff, 0xfe, 0, 0], 'ztm: 1\n'))).toEqual(encoding('UTF-32'));
    expect(errorsOfBytes('be.yaml', utf32([0, 0, 0xfe, 0xff], 'ztm: 1\n'))).toEqual(encoding('UTF-32'));
    expect(errorsOfBytes('16.yaml', Buffer.from([0xff, 0xfe, 0x7a, 0]))).toEqual(encoding('UTF-16'));
  });

  it('a missing file is a clear error, not a stack trace', () => {
    expect(errorsOf(fixture('invalid/no-such-file.yaml'))).toEqual([{ line: 0, column: 0, code: 'unreadable', message: 'cannot read the file: no such file; check the path.' }]);
  });
});

describe('all errors at once', () => {
  it('reports shape and reference errors together, sorted by position', () => {
    expect(errorsOf(fixture('invalid/several-errors.yaml'))).toEqual([
      { line: 4, column: 16, code: 'unknown-value', message: 'component "web" has an unknown kind "albb" (did you mean "alb"?); run `ztm schema` to see the 35 accepted values' },
      { line: 5, column: 35, code: 'unknown-control', message: 'component "api": unknown control "wafx" (did you mean "waf"?); team-specific controls start with "x-" (see `ztm schema` for the catalog)' },
      { line: 8, column: 22, code: 'unknown-reference', message: 'flow #2 goes to "dbb", which is not a component (did you mean "web"?)' },
    ]);
  });

  it('does not report references to an entry whose own shape is wrong, and keeps file numbering of flows', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ztm-salvage-'));
    const file = join(dir, 'arch.yaml');
    writeFileSync(file, [
      'ztm: 1',
      'name: salvage',
      'boundaries:',
      '  vpc: { kind: vpcc }',
      'data:',
      '  card: { classification: secret }',
      'components:',
      '  web: { kind: alb, in: vpc }',
      '  db: { kind: rds, stores: [card], colour: red }',
      'flows:',
      '  - { from: web, to: db, protocol: htps }',
      '  - { from: web, to: db, protocol: https, data: [card, cardd] }',
      'accept:',
      '  - { threat: x, on: web->db, reason: r, by: me, expires: 2027-06-01 }',
      '',
    ].join('\n'));
    expect(errorsOf(file).map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([
      '4:16 boundary "vpc" has an unknown kind "vpcc" (did you mean "vpc"?); run `ztm schema` to see the 12 accepted values',
      '6:27 data asset "card" has an unknown classification "secret"; use one of "public", "internal", "confidential", "restricted"',
      '9:36 component "db" has an unknown key "colour"; remove it or fix its spelling',
      '11:36 flow #1 has an unknown protocol "htps" (did you mean "https"?); run `ztm schema` to see the 21 accepted values',
      '12:56 flow #2 carries "cardd", which is not a data asset (did you mean "card"?)',
    ]);
  });
});

describe('message quality', () => {
  const write = (lines: string[]) => {
    const dir = mkdtempSync(join(tmpdir(), 'ztm-msg-'));
    const file = join(dir, 'arch.yaml');
    writeFileSync(file, ['ztm: 1', 'name: m', ...lines, ''].join('\n'));
    return errorsOf(file).map((d) => `${d.line}:${d.column} ${d.message}`);
  };

  it('never leaks zod wording', () => {
    const messages = write([
      'account: { cloudtrail: "yes", regions: [eu-west-1, mars] }',
      'components:',
      '  web: { kind: alb, controls: [waf, 7], tags: 5, stores: }',
      '  fn: { kind: , name: [a] }',
    ]);
    expect(messages).toEqual([
      '3:24 the account: `cloudtrail` must be true or false, or a mapping (key: value), not "yes"',
      '3:52 the account: `regions` item 2 is not valid ("mars"): a Region looks like eu-west-1',
      '5:37 component "web": `controls` item 2 must be text, not 7',
      '5:47 component "web": `tags` must be a list, or a mapping (key: value), not 5',
      '5:50 component "web": `stores` is empty; write a list, or remove the key',
      '6:9 component "fn": `kind` is empty; write one of the 35 accepted kind values (`ztm schema` lists them), or remove the key',
      '6:23 component "fn": `name` must be text, not a list',
    ]);
    expect(messages.join('\n')).not.toMatch(/Invalid|expected string|received|must match pattern|\.0\b/);
  });
});
