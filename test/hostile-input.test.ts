/**
 * Hostile model files (fixtures/hostile/, and generated ones too large or too
 * deep to commit), run through the built CLI as a process: each is refused with
 * exit 2 and one positioned message, quickly and without a stack trace, or is
 * analysed correctly. See fixtures/hostile/README.md for the corpus.
 */
import { existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../src/model/diagnostics.js';
import { loadModel } from '../src/model/load.js';
import { analyze } from '../src/analysis/engine.js';
import { loadRules } from '../src/rules/load.js';
import { BIN, fixture } from './helpers/cli.js';
import { STACK_TRACE, tempDir, timedZtm } from './helpers/hostile.js';

const INVALID = 'fixtures/hostile/invalid';
const timings: string[] = [];
afterAll(() => console.log(`hostile input, whole ztm process each:\n${timings.join('\n')}`));

/** `ztm validate FILE`: exit 2, nothing on stdout, exactly these error lines (after the file name) then the summary. */
function expectRefused(file: string, errors: string[], budgetMs: number, label = file): void {
  const r = timedZtm(['validate', file]);
  timings.push(`  ${label}: ${r.ms.toFixed(0)} ms`);
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toBe([...errors.map((e) => `${file}${e}`), `${file}: invalid (${errors.length} error${errors.length === 1 ? '' : 's'})`, ''].join('\n'));
  expect(r.stderr).not.toMatch(STACK_TRACE);
  expect(r.ms).toBeLessThan(budgetMs);
}

const BOMB = 'error: expanding the aliases here would make more than 4,000,000 values (a "billion laughs" file); ztm refuses it. Write the values out instead of nesting aliases.';
const TOO_DEEP = 'error: the file nests lists and mappings deeper than 64 levels here; a model needs far fewer. Flatten this value.';

describe('alias bombs', () => {
  it('billion laughs with lists (10^9 values in 700 bytes): refused at the anchor whose expansion passes 4,000,000', () => {
    expectRefused(`${INVALID}/billion-laughs.yaml`, [`:9:5: ${BOMB}`], 3000);
  });

  it('billion laughs with mappings: refused the same way', () => {
    expectRefused(`${INVALID}/alias-bomb-mappings.yaml`, [`:12:5: ${BOMB}`], 3000);
  });

  it('many small aliases: the 1,001st alias use is refused, at its column', () => {
    expectRefused(`${INVALID}/many-aliases.yaml`, [':9:4016: error: the file repeats anchored values (aliases) more than 1000 times; ztm refuses it to stay safe from alias bombs. Write the values out.'], 3000);
  });

  it('an anchored mapping that contains an alias of itself (a cycle): refused at the nesting limit', () => {
    expectRefused(`${INVALID}/self-alias.yaml`, [`:6:8: ${TOO_DEEP}`], 3000);
  });

  it('a merge key (<<) is an ordinary unknown key: nothing is merged or multiplied', () => {
    expectRefused(`${INVALID}/merge-key.yaml`, [
      ':7:3: error: component "web" has no `kind`; add it (`ztm schema` lists the 35 accepted values)',
      ':8:5: error: component "web" has an unknown key "<<" (did you mean "in"?); remove it or fix its spelling',
    ], 3000);
  });

  it('a million aliases of one scalar share the string: read in linear time, then refused for its unknown keys only', () => {
    const dir = tempDir('scalar-aliases');
    const file = join(dir, 'scalar-aliases.yaml');
    writeFileSync(file, `ztm: 1\nname: scalar aliases\nx: &s hello\ny: [${Array(1_000_000).fill('*s').join(',')}]\ncomponents: {}\n`);
    expectRefused(file, [
      ':3:1: error: the model has an unknown key "x"; remove it or fix its spelling',
      ':4:1: error: the model has an unknown key "y"; remove it or fix its spelling',
    ], 10_000, '1,000,000 aliases of a scalar (3 MB)');
  });

  it('ztm analyze refuses a bomb the same way: exit 2, nothing on stdout, no report written', () => {
    const dir = tempDir('bomb-analyze');
    const out = join(dir, 'report.json');
    const r = timedZtm(['analyze', `${INVALID}/billion-laughs.yaml`, '--format', 'json', '-o', out]);
    expect(r.code).toBe(2);
    expect([r.stdout, r.stderr]).toEqual(['', `${INVALID}/billion-laughs.yaml:9:5: ${BOMB}\n`]);
    expect(existsSync(out)).toBe(false);
  });
});

describe('a 50 MB file', () => {
  it('is refused from its size alone: exit 2, the size and the limit (32 MiB, LIMITS.maxBytes) in the message, quickly', () => {
    const dir = tempDir('large');
    const file = join(dir, 'large.yaml');
    const head = 'ztm: 1\nname: large\ncomponents:\n  web: { kind: alb }\n';
    const line = '  # generated padding: the kind of file a careless generator, or an attacker, commits\n';
    const size = 50 * 1024 * 1024;
    writeFileSync(file, (head + line.repeat(Math.ceil(size / line.length))).slice(0, size));
    expectRefused(file, [': error: the file is 50 MiB; ztm reads files up to 32 MiB. Split the model or remove generated content.'], 3000, '50 MiB model');
  });

  it('is refused the same way as a rules file', () => {
    const dir = tempDir('large-rules');
    const file = join(dir, 'large.yaml');
    const head = 'ztm-rules: 1\nrules: []\n#';
    writeFileSync(file, `${head}${'x'.repeat(50 * 1024 * 1024 - head.length - 1)}\n`);
    const r = timedZtm(['analyze', fixture('valid/orders-platform.yaml'), '--rules', dir]);
    timings.push(`  50 MiB rules file: ${r.ms.toFixed(0)} ms`);
    expect(r.code).toBe(2);
    expect([r.stdout, r.stderr]).toEqual(['', `${file}: error: the file is 50 MiB; ztm reads files up to 32 MiB. Split the model or remove generated content.\n`]);
    expect(r.ms).toBeLessThan(3000);
  });
});

describe('a device or a pipe as an input (a link committed in the repository)', () => {
  // A link can name a device that never ends (/dev/zero), or a pipe that never gives a byte (a named
  // pipe without a writer, /proc/self/fd/1 when the output is a pipe, /dev/kmsg): either would hold
  // CI until its timeout. An input must be a regular file, unless its path as written is a standard
  // stream's (/dev/stdin, /dev/fd/N), which only the command line can choose; such a stream is read up
  // to the limit as its bytes come.
  const DEVICE = 'the file is a character device, not a regular file; name the file itself (to read standard input, name /dev/stdin).';
  const PIPE = 'the file is a named pipe, not a regular file; name the file itself (to read standard input, name /dev/stdin).';
  const linked = (name: string, target = '/dev/zero') => {
    const dir = tempDir('device');
    const file = join(dir, name);
    symlinkSync(target, file);
    return { dir, file };
  };
  /** A named pipe nobody writes to: opening it to read waits for a writer that never comes. */
  const fifo = (dir: string, name: string) => {
    const file = join(dir, name);
    execFileSync('mkfifo', [file]);
    return file;
  };
  const model = fixture('valid/orders-platform.yaml');

  it('a link to /dev/zero as the model: exit 2, one message, quickly', () => {
    const { file } = linked('arch.yaml');
    expectRefused(file, [`: error: ${DEVICE}`], 3000, '/dev/zero as the model');
  });

  it('a link to /dev/zero as a rule file in a rules directory', () => {
    const { dir, file } = linked('endless.yaml');
    const r = timedZtm(['analyze', model, '--rules', dir]);
    expect(r.code).toBe(2);
    expect([r.stdout, r.stderr]).toEqual(['', `${file}: error: ${DEVICE}\n`]);
    expect(r.ms).toBeLessThan(3000);
  });

  it('/dev/zero as the baseline, a report of ztm diff, and replayed evidence: each refused by what it is', () => {
    const cases: [args: string[], stderr: string][] = [
      [['analyze', model, '--baseline', '/dev/zero'], '/dev/zero: error: the baseline is a character device, not a regular file; name the file itself (to read standard input, name /dev/stdin)\n'],
      [['diff', '/dev/zero', '/dev/zero'], '/dev/zero: error: the old report is a character device, not a regular file; name the file itself (to read standard input, name /dev/stdin)\n'],
      [['verify', model, '--replay', '/dev/zero'], 'ztm verify: /dev/zero: the evidence file is a character device, not a regular file; name the file itself (to read standard input, name /dev/stdin)\n'],
    ];
    for (const [args, stderr] of cases) {
      const r = timedZtm(args);
      timings.push(`  /dev/zero to ${args[0]} ${args[2] ?? ''}: ${r.ms.toFixed(0)} ms`);
      expect([r.code, r.stdout, r.stderr], args.join(' ')).toEqual([2, '', stderr]);
    }
  });

  it('a named pipe without a writer as the model, the settings file found beside it, a rule file or the baseline: exit 2 at once, not a wait for ever', () => {
    const dir = tempDir('fifo');
    const pipeModel = fifo(dir, 'arch.yaml');
    const r1 = timedZtm(['validate', pipeModel]);
    expect([r1.code, r1.stdout, r1.stderr]).toEqual([2, '', `${pipeModel}: error: ${PIPE}\n${pipeModel}: invalid (1 error)\n`]);

    // ztm.config.yaml is looked for beside the model: a pull request needs no option to plant it.
    const withConfig = tempDir('fifo-config');
    writeFileSync(join(withConfig, 'arch.yaml'), readFileSync(model));
    const config = fifo(withConfig, 'ztm.config.yaml');
    const r2 = timedZtm(['analyze', join(withConfig, 'arch.yaml')]);
    expect([r2.code, r2.stdout, r2.stderr]).toEqual([2, '', `${config}: error: ${PIPE}\n`]);

    const rules = tempDir('fifo-rules');
    const rule = fifo(rules, 'team.yaml');
    const r3 = timedZtm(['analyze', model, '--rules', rules]);
    expect([r3.code, r3.stdout, r3.stderr]).toEqual([2, '', `${rule}: error: ${PIPE}\n`]);

    const baseline = fifo(dir, 'baseline.json');
    const r4 = timedZtm(['analyze', model, '--baseline', baseline]);
    expect([r4.code, r4.stdout, r4.stderr]).toEqual([2, '', `${baseline}: error: the baseline is a named pipe, not a regular file; name the file itself (to read standard input, name /dev/stdin)\n`]);
    for (const r of [r1, r2, r3, r4]) expect(r.ms).toBeLessThan(3000);
  });

  it('a settings file linked to /proc/self/fd/1, the output a pipe: exit 2 at once (reading its own output would wait for ever)', () => {
    const dir = tempDir('self-fd');
    writeFileSync(join(dir, 'arch.yaml'), readFileSync(model));
    symlinkSync('/proc/self/fd/1', join(dir, 'ztm.config.yaml'));
    const started = performance.now();
    const r = spawnSync('sh', ['-c', '"$1" "$2" analyze "$3" 2>&1 | cat', 'sh', process.execPath, BIN, join(dir, 'arch.yaml')], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 20_000 });
    expect(r.status).toBe(0); // cat's
    expect(r.stdout).toBe(`${join(dir, 'ztm.config.yaml')}: error: ${PIPE}\n`);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('/dev/stdin, named on the command line, is read as a stream up to the limit', () => {
    const r = spawnSync('sh', ['-c', '"$1" "$2" validate /dev/stdin < /dev/zero', 'sh', process.execPath, BIN], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 20_000 });
    expect([r.status, r.stdout, r.stderr]).toEqual([2, '', '/dev/stdin: error: the file is a stream, and it gave more than 32 MiB before ztm stopped reading; ztm reads files up to 32 MiB. Give ztm the file itself, not a stream of it.\n/dev/stdin: invalid (1 error)\n']);
  });

  it('a model piped in (/dev/stdin) is read whole, past the first chunk', () => {
    const text = readFileSync(fixture('valid/orders-platform.yaml'), 'utf8');
    // Comments pad the model past the 1 MiB a pipe is read in at a time.
    const file = join(tempDir('piped'), 'padded.yaml');
    writeFileSync(file, `${text}\n${'# padding to cross a read of the pipe\n'.repeat(40_000)}`);
    // A shell pipe: the child's stdin is then a pipe, which /dev/stdin can open (spawn's own stdin is a socket).
    const r = spawnSync('sh', ['-c', 'cat "$1" | "$2" "$3" validate /dev/stdin', 'sh', file, process.execPath, BIN], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    // Exactly what the model itself gives, its warnings included, under the name it was read from.
    const direct = timedZtm(['validate', fixture('valid/orders-platform.yaml')]);
    const asStdin = (t: string) => t.replaceAll(fixture('valid/orders-platform.yaml'), '/dev/stdin');
    expect([r.status, r.stdout, r.stderr]).toEqual([0, asStdin(direct.stdout), asStdin(direct.stderr)]);
    expect(r.stdout).toMatch(/^\/dev\/stdin: valid/);
  });
});

describe('nesting 10,000 levels deep', () => {
  // js-yaml stops at its own nesting limit, 2 x 64 + 4 = 132 parser levels (ztm's
  // reader sets it), so the message points at the bracket or dash where parsing
  // stopped (the 132nd `[`, the 132nd `- `; a flow mapping entry counts more).
  // No recursion runs 10,000 levels deep, so there is no stack overflow to catch.
  const n = 10_000;
  const cases: [name: string, text: string, at: string][] = [
    ['flow lists [[[...]]]', `ztm: 1\nname: deep\ndescription: ${'['.repeat(n)}${']'.repeat(n)}\ncomponents: {}\n`, ':3:145'],
    ['flow mappings {a: {a: ...}}', `ztm: 1\nname: deep\ndescription: ${'{a: '.repeat(n)}x${'}'.repeat(n)}\ncomponents: {}\n`, ':3:535'],
    ['block lists - - - ...', `ztm: 1\nname: deep\ndescription:\n  ${'- '.repeat(n)}x\ncomponents: {}\n`, ':4:265'],
    ['mixed [{a: [{a: ...}]}] inside a component', `ztm: 1\nname: deep\ncomponents:\n  web:\n    kind: alb\n    tags: ${'[{a: '.repeat(n / 2)}x${'}]'.repeat(n / 2)}\n`, ':6:332'],
  ];
  it.each(cases)('%s: exit 2, positioned, no stack trace', (name, text, at) => {
    const dir = tempDir('deep');
    const file = join(dir, 'deep.yaml');
    writeFileSync(file, text);
    expectRefused(file, [`${at}: ${TOO_DEEP}`], 3000, `10,000 levels: ${name}`);
  });

  it('in a rule condition (not: not: ...): exit 2, positioned, from ztm analyze --rules', () => {
    const dir = tempDir('deep-rule');
    writeFileSync(join(dir, 'deep.yaml'), ['ztm-rules: 1', 'rules:', '  - id: tampering.hx-deep', '    when:', `      - ${'{ not: '.repeat(n)}{ kind: lambda }${' }'.repeat(n)}`, ''].join('\n'));
    const r = timedZtm(['analyze', fixture('valid/orders-platform.yaml'), '--rules', dir]);
    timings.push(`  10,000 nested not in a rule: ${r.ms.toFixed(0)} ms`);
    expect(r.code).toBe(2);
    expect([r.stdout, r.stderr]).toEqual(['', `${join(dir, 'deep.yaml')}:5:893: ${TOO_DEEP}\n`]);
    expect(r.ms).toBeLessThan(3000);
  });
});

describe('__proto__, constructor and prototype', () => {
  it('as keys at every level: one positioned error each, and __proto__ as a component, boundary or data id is an invalid id, not silently dropped', () => {
    expectRefused(`${INVALID}/proto-keys.yaml`, [
      ':6:1: error: the model has an unknown key "__proto__"; remove it or fix its spelling',
      ':7:1: error: the model has an unknown key "constructor"; remove it or fix its spelling',
      ':8:1: error: the model has an unknown key "prototype"; remove it or fix its spelling',
      ':10:3: error: the account has an unknown key "__proto__"; remove it or fix its spelling',
      ':11:3: error: the account has an unknown key "constructor"; remove it or fix its spelling',
      ':12:17: error: the account: `cloudtrail` has an unknown key "__proto__"; remove it or fix its spelling',
      ':12:49: error: the account: `cloudtrail` has an unknown key "prototype"; remove it or fix its spelling',
      ':14:3: error: boundary id "__proto__" is not valid: ids use letters, digits, "-", "_" and "." and start and end with a letter or digit; rename it',
      ':15:21: error: boundary "net" has an unknown key "__proto__"; remove it or fix its spelling',
      ':15:56: error: boundary "net" has an unknown key "constructor"; remove it or fix its spelling',
      ':17:3: error: data asset id "__proto__" is not valid: ids use letters, digits, "-", "_" and "." and start and end with a letter or digit; rename it',
      ':18:36: error: data asset "notes" has an unknown key "prototype"; remove it or fix its spelling',
      ':20:3: error: component id "__proto__" is not valid: ids use letters, digits, "-", "_" and "." and start and end with a letter or digit; rename it',
      ':23:5: error: component "web" has an unknown key "__proto__"; remove it or fix its spelling',
      ':24:5: error: component "web" has an unknown key "constructor"; remove it or fix its spelling',
      ':28:43: error: flow #1 has an unknown key "__proto__"; remove it or fix its spelling',
      ':28:74: error: flow #1 has an unknown key "prototype"; remove it or fix its spelling',
      ':30:61: error: acceptance #1 has an unknown key "__proto__"; remove it or fix its spelling',
    ], 3000);
  });

  it('reading them in-process pollutes nothing', () => {
    expect(() => loadModel(fixture('hostile/invalid/proto-keys.yaml'), { today: '2026-12-01' })).toThrow(InputError);
    const { graph } = loadModel(fixture('hostile/prototype-names.yaml'), { today: '2026-12-01' });
    analyze(graph, loadRules(), { today: '2026-12-01' });
    for (const probe of [{}, [], Object.create(null) as object]) expect((probe as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
  });

  it('as ids and names (prototype-names.yaml): ordinary elements, unique threat ids, the acceptance on its flow', () => {
    const r = timedZtm(['analyze', 'fixtures/hostile/prototype-names.yaml', '--format', 'json', '--fail-on', 'none']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { model: { name: string; owner: string }; threats: { id: string; element: string; elementKind: string; status: string }[] };
    expect(report.model).toMatchObject({ name: '__proto__', owner: 'constructor' });
    const ids = report.threats.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    const on = (element: string) => report.threats.filter((t) => t.element === element).map((t) => `${t.elementKind} ${t.id} ${t.status}`).sort();
    expect(on('prototype')).toEqual([
      'flow information-disclosure.plaintext-inside-vpc@prototype open',
      'flow spoofing.unauthenticated-internal-flow@prototype open',
      'flow tampering.plaintext-flow@prototype accepted',
    ]);
    expect(on('constructor')).toEqual([
      'flow information-disclosure.plaintext-inside-vpc@constructor open',
      'flow spoofing.unauthenticated-internal-flow@constructor open',
      'flow tampering.plaintext-flow@constructor open',
    ]);
    expect(on('toString')).toEqual([
      'component information-disclosure.attack-path-to-sensitive-data@toString open',
      'component information-disclosure.sensitive-store-without-kms@toString open',
      'component repudiation.sensitive-store-without-audit-trail@toString open',
    ]);
    expect(on('call')).toEqual([
      'component information-disclosure.s3-without-block-public-access@call open',
      'component tampering.audit-log-bucket-mutable@call open',
    ]);
  });
});

describe('error messages that quote hostile text', () => {
  it('each stays one line on stderr, with controls, newlines and bidi characters shown as \\u codes', () => {
    const file = `${INVALID}/hostile-diagnostics.yaml`;
    const r = timedZtm(['validate', file], { env: { NO_COLOR: '', FORCE_COLOR: '1' } });
    expect(r.code).toBe(2);
    const lines = r.stderr.replace(/\u001b\[[0-9;]*m/g, '').split('\n');
    expect(lines).toEqual([
      `${file}:6:1: error: the model has an unknown key "\\u001b[2J\\u001b[Hkey\\nFORGED key line"; remove it or fix its spelling`,
      `${file}:10:3: error: component id "\\u001b]0;title\\u0007id\\nFORGED id line" is not valid: ids use letters, digits, "-", "_" and "." and start and end with a letter or digit; rename it`,
      `${file}:12:11: error: component "web" has an unknown kind "lamda\\u001b[31m\\nFORGED kind line"; run \`ztm schema\` to see the 35 accepted values`,
      `${file}:13:22: error: component "web": \`internet_facing\` must be true or false, not "yes\\u001b[2J\\u202eeurt"`,
      `${file}:14:16: error: component "web": unknown control "wafx\\u001b[5m\\nFORGED control line"; team-specific controls start with "x-" (see \`ztm schema\` for the catalog)`,
      `${file}:18:21: error: flow #2: \`to\` is not valid ("\\u001b[2Jnot-an-id"): ids use letters, digits, "-", "_" and "." and start and end with a letter or digit`,
      `${file}:21:9: error: acceptance #1 is on "web->fn\\u001b[2J\\u000aFORGED on line\\u2028LS", which is not a component, flow, boundary or "account"`,
      `${file}:25:13: error: acceptance #2 names the rule "rule-without-on\\u001b[2J\\u000aFORGED threat line\\u061c" without \`on\`: say which element it accepts, or use the threat's stable id (rule@element)`,
      `${file}: invalid (8 errors)`,
      '',
    ]);
  });
});

describe('100,000 flows', () => {
  // 317 lambdas, 100,000 distinct flows between them; every 1,000th is plain
  // http without authentication, the rest https with IAM auth.
  const dir = tempDir('flows');
  const file = join(dir, 'flows.yaml');
  const plaintext: string[] = [];
  const lines = ['ztm: 1', 'name: one hundred thousand flows', 'components:'];
  const n = 317;
  for (let i = 0; i < n; i++) lines.push(`  c${i}: { kind: lambda }`);
  lines.push('flows:');
  let k = 0;
  for (let i = 0; i < n && k < 100_000; i++) {
    for (let j = 0; j < n && k < 100_000; j++) {
      if (i === j) continue;
      if (k % 1000 === 999) {
        plaintext.push(`c${i}->c${j}`);
        lines.push(`  - { from: c${i}, to: c${j}, protocol: http }`);
      } else lines.push(`  - { from: c${i}, to: c${j}, protocol: https, auth: iam }`);
      k++;
    }
  }
  writeFileSync(file, `${lines.join('\n')}\n`);

  it('JSON: completes, exit 1, exactly the 100 plaintext flows have flow threats (three each)', () => {
    const out = join(dir, 'report.json');
    const r = timedZtm(['analyze', file, '--format', 'json', '-o', out]);
    timings.push(`  100,000 flows, --format json: ${r.ms.toFixed(0)} ms`);
    console.log(`100,000 flows (${(Buffer.byteLength(lines.join('\n')) / 1048576).toFixed(1)} MiB) analysed to JSON in ${r.ms.toFixed(0)} ms`);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/^wrote .*report\.json\ngate: FAILED: 103 open threats at or above high: /);
    const report = JSON.parse(readFileSync(out, 'utf8')) as { threats: { rule: string; element: string; elementKind: string }[] };
    const flowThreats = report.threats.filter((t) => t.elementKind === 'flow');
    expect(new Set(flowThreats.map((t) => t.element))).toEqual(new Set(plaintext));
    expect(new Set(flowThreats.map((t) => t.rule))).toEqual(new Set(['information-disclosure.plaintext-flow', 'spoofing.unauthenticated-internal-flow', 'tampering.plaintext-flow']));
    expect(flowThreats).toHaveLength(300);
    expect(r.ms).toBeLessThan(60_000);
  }, 90_000);

  it('Markdown: completes, exit 1, the diagram folds to one counted node that is red, naming the plaintext flows', () => {
    const out = join(dir, 'review.md');
    const r = timedZtm(['analyze', file, '--format', 'markdown', '-o', out]);
    timings.push(`  100,000 flows, --format markdown: ${r.ms.toFixed(0)} ms`);
    expect(r.code, r.stderr).toBe(1);
    const md = readFileSync(out, 'utf8') as string;
    // 100,000 arrows are past what Mermaid draws (500): the boundary overview stands in for the diagram.
    expect(md).toContain('The model has 317 components and 100,000 flows, more than one diagram can show');
    const diagram = /```mermaid\n([\s\S]*?)```/.exec(md)![1]!.split('\n');
    expect(diagram).toContain('  g1(["317 components#58; 317 processes#59; 100,000 flows inside (100 plaintext, 100 no auth)"])');
    expect(diagram).toContain('class g1 flagged');
    expect(diagram.filter((l) => l.includes('-->') || l.includes('-.->'))).toEqual([]);
    // Every plaintext flow is still in the register.
    for (const name of plaintext) expect(md).toContain(name);
    expect(r.ms).toBeLessThan(60_000);
  }, 90_000);
});

describe('one component that sends 150,000 flows', () => {
  // A fan-out the attack-path search must order in n log n: an insertion sort of a component's
  // outgoing flows took minutes here (it was quadratic in them), against seconds for the whole run.
  const dir = tempDir('fan-out');
  const file = join(dir, 'fan-out.yaml');
  const lines = ['ztm: 1', 'name: fan-out', 'components:', '  hub: { kind: lambda }'];
  for (let i = 0; i < 100; i++) lines.push(`  s${i}: { kind: lambda }`);
  lines.push('flows:');
  // Named in reverse, so no order of the file is already the search order.
  for (let k = 150_000; k > 0; k--) lines.push(`  - { id: f${k}, from: hub, to: s${k % 100}, protocol: https, auth: iam }`);
  writeFileSync(file, `${lines.join('\n')}\n`);

  it('is analysed in linear time: exit 0 (no flow threat), well inside the budget', () => {
    const out = join(dir, 'report.json');
    const r = timedZtm(['analyze', file, '--format', 'json', '--fail-on', 'none', '-o', out]);
    timings.push(`  150,000 flows from one component, --format json: ${r.ms.toFixed(0)} ms`);
    expect([r.code, r.stderr]).toEqual([0, `wrote ${out}\ngate: passed (--fail-on none)\n`]);
    const report = JSON.parse(readFileSync(out, 'utf8')) as { threats: { elementKind: string }[] };
    expect(report.threats.filter((t) => t.elementKind === 'flow')).toEqual([]);
    expect(r.ms).toBeLessThan(40_000);
  }, 90_000);
});

describe('300,000 flows that each lack a key', () => {
  // zod gathers a list's issues by spreading them into one call, which overflows the stack past
  // about 100,000 (this was "internal error: Maximum call stack size exceeded", exit 3). ztm checks
  // such a value part by part, lists the first 10,000 problems and prints the first 200.
  const dir = tempDir('many-issues');
  const file = join(dir, 'many-issues.yaml');
  writeFileSync(file, `ztm: 1\nname: many issues\ncomponents:\n  a: { kind: lambda }\n  b: { kind: s3 }\nflows:\n${'  - { from: a, to: b }\n'.repeat(300_000)}`);

  it('exit 2: the note that listing stopped first, 200 positioned errors, then a count of the rest', () => {
    const r = timedZtm(['validate', file]);
    timings.push(`  300,000 flows without a protocol, validate: ${r.ms.toFixed(0)} ms`);
    expect([r.code, r.stdout]).toEqual([2, '']);
    const lines = r.stderr.split('\n');
    expect(lines[0]).toBe(`${file}:1:1: error: the model: ztm stopped listing problems after the first 10,000; fix them, then check again`);
    expect(lines[1]).toBe(`${file}:7:5: error: flow #1 has no \`protocol\`; add it (\`ztm schema\` lists the 21 accepted values)`);
    expect(lines[199]).toBe(`${file}:205:5: error: flow #199 has no \`protocol\`; add it (\`ztm schema\` lists the 21 accepted values)`);
    expect(lines.slice(200)).toEqual(['ztm: 9,801 more errors not shown; fix the first ones, then check again', `${file}: invalid (10,001 errors)`, '']);
    expect(r.stderr).not.toMatch(STACK_TRACE);
  }, 90_000);

  it('ztm analyze refuses it the same way, and writes no report', () => {
    const out = join(dir, 'report.json');
    const r = timedZtm(['analyze', file, '--format', 'json', '-o', out]);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr.split('\n').slice(-2)).toEqual(['ztm: 9,801 more errors not shown; fix the first ones, then check again', '']);
    expect(existsSync(out)).toBe(false);
  }, 90_000);
});

describe('100,000 trust boundaries, each inside the one before', () => {
  // Building the graph walked boundaries up by recursion: this was "internal error: Maximum call
  // stack size exceeded", exit 3. A model may nest 32 levels; the 33rd is refused where it says `in`.
  const chain = (n: number) => {
    const lines = ['ztm: 1', 'name: nested boundaries', 'boundaries:', '  b0: { kind: vpc }'];
    for (let i = 1; i < n; i++) lines.push(`  b${i}: { kind: subnet, in: b${i - 1} }`);
    lines.push('components:', `  web: { kind: alb, in: b${n - 1} }`, '  api: { kind: lambda, in: b0 }', 'flows:', '  - { from: web, to: api, protocol: https, auth: iam }');
    const file = join(tempDir('boundaries'), `chain-${n}.yaml`);
    writeFileSync(file, `${lines.join('\n')}\n`);
    return file;
  };

  it('exit 2, one error at the first boundary past 32 levels, quickly', () => {
    expectRefused(chain(100_000), [':36:28: error: boundary "b32" is inside 32 other boundaries; ztm reads at most 32 levels of them (an organization, an account, a Region, a VPC and a subnet are five). Flatten the nesting'], 10_000, '100,000 nested boundaries');
  });

  it('32 levels are a model like any other', () => {
    const r = timedZtm(['validate', chain(32)]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toMatch(/: valid \(2 components, 1 flow, 32 boundaries\)/);
  });
});

describe('a long section of broken entries: checking stops at the first 10,000 problems', () => {
  // zod gathered an issue (several for an entry that lacks keys) for every broken entry before ztm
  // kept the first 10,000: a million components `cN: {}` took 24 s and 2.5 GB, and a 32 MiB list of
  // `- 1` flows ran out of memory (exit 134). ztm checks a long list or mapping 5,000 entries at
  // a time and stops once it has 10,000 problems. Each run has a 1 GB heap, where the old check crashed.
  const HEAP = { NODE_OPTIONS: '--max-old-space-size=1024' };
  const COUNT = ['ztm: 9,801 more errors not shown; fix the first ones, then check again'];
  const STOPPED = 'ztm stopped listing problems after the first 10,000; fix them, then check again';
  const MODEL = 'ztm: 1\nname: long section\n';
  const mapping = (n: number, value: string) => Array.from({ length: n }, (_, i) => `  c${i}: ${value}\n`).join('');
  const cases: [label: string, text: () => string, second: string, budgetMs: number][] = [
    ['1,000,000 components `cN: {}` (14 MB)', () => `${MODEL}components:\n${mapping(1_000_000, '{}')}`, ':4:3: error: component "c0" has no `kind`; add it (`ztm schema` lists the 35 accepted values)', 10_000],
    ['1,000,000 components `cN: 1` (13 MB)', () => `${MODEL}components:\n${mapping(1_000_000, '1')}`, ':4:7: error: component "c0" must be a mapping (key: value), not 1', 10_000],
    ['2,000,000 flows `- 1` (8 MB)', () => `${MODEL}components: {}\nflows:\n${'- 1\n'.repeat(2_000_000)}`, ':5:3: error: flow #1 must be a mapping (key: value), not 1', 10_000],
    ['2,000,000 acceptances `- 1` (8 MB)', () => `${MODEL}components: {}\naccept:\n${'- 1\n'.repeat(2_000_000)}`, ':5:3: error: acceptance #1 must be a mapping (key: value), not 1', 10_000],
    ['32 MiB of flows `- 1`, just within the size limit', () => {
      const head = `${MODEL}components: {}\nflows:\n`;
      return `${head}${'- 1\n'.repeat((32 * 1024 * 1024 - head.length) >> 2)}`;
    }, ':5:3: error: flow #1 must be a mapping (key: value), not 1', 60_000],
  ];

  it.each(cases)('%s: exit 2, the note first, then the first entries in file order, and a count', (label, text, second, budgetMs) => {
    const file = join(tempDir('long-section'), 'model.yaml');
    writeFileSync(file, text());
    const r = timedZtm(['validate', file], { env: HEAP });
    timings.push(`  ${label}, validate: ${r.ms.toFixed(0)} ms`);
    expect([r.code, r.stdout], r.stderr.slice(-2000)).toEqual([2, '']);
    const lines = r.stderr.split('\n');
    expect(lines.slice(0, 2)).toEqual([`${file}:1:1: error: the model: ${STOPPED}`, `${file}${second}`]);
    expect(lines.slice(200)).toEqual([...COUNT, `${file}: invalid (10,001 errors)`, '']);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.ms).toBeLessThan(budgetMs);
  }, 120_000);

  it('a baseline of 200,000 threats that each lack every key but `id`: exit 2, positioned, the note first', () => {
    const dir = tempDir('long-report');
    const baseline = join(dir, 'baseline.json');
    const model = fixture('valid/orders-platform.yaml');
    const report = JSON.parse(timedZtm(['analyze', model, '--format', 'json', '--fail-on', 'none']).stdout) as { threats: unknown[] };
    report.threats = Array.from({ length: 200_000 }, (_, i) => ({ id: `tampering.x@c${i}` }));
    writeFileSync(baseline, JSON.stringify(report, null, 2));
    const r = timedZtm(['analyze', model, '--baseline', baseline], { env: HEAP });
    timings.push(`  200,000 threats without keys as the baseline: ${r.ms.toFixed(0)} ms`);
    expect([r.code, r.stdout]).toEqual([2, '']);
    const lines = r.stderr.split('\n');
    expect(lines[0]).toBe(`${baseline}:1:1: error: baseline: the report: ${STOPPED}`);
    expect(lines[1]).toMatch(new RegExp(`^${baseline.replaceAll('.', '\\.')}:\\d+:5: error: baseline: the report: \`threats\` item 1 has no \`category\`; add it`));
    expect(lines.slice(200)).toEqual([...COUNT, '']);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.ms).toBeLessThan(15_000);
  }, 120_000);
});
