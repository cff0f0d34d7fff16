/**
 * Reports of hostile models stay inert for their readers: the terminal (plain
 * and coloured) gets no control, escape, bidi or line-forging character from the
 * model; JSON and SARIF stay valid and carry the text exactly; SARIF plain-text
 * messages hold no embedded link or placeholder the model wrote; the Markdown
 * keeps its structure. Rendering the Markdown in a browser is
 * test/browser/markdown-render.test.ts.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { ROOT, runZtm } from './helpers/cli.js';
import { CHALK_SGR, STACK_TRACE, UNSAFE_TEXT, tempDir, unsafeChars } from './helpers/hostile.js';
import { sarifValidator } from './helpers/sarif-schema.js';

const MODELS = ['fixtures/hostile/hostile-names.yaml', 'fixtures/hostile/hostile-text.yaml', 'fixtures/hostile/prototype-names.yaml'];
const TEXT = 'fixtures/hostile/hostile-text.yaml';
const HOSTILE_RULES = 'fixtures/hostile/rules/hostile-text';
const COLOUR = { NO_COLOR: '', FORCE_COLOR: '1' };

/** What the terminal shows for model text: each unsafe character, newlines included, as a visible \uXXXX code. */
const visible = (s: string) => s.replace(new RegExp(`${UNSAFE_TEXT.source}|\n`, 'g'), (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

interface HostileModel {
  name: string;
  owner: string;
  components: Record<string, { name?: string }>;
  data: Record<string, { name?: string }>;
  accept: { reason: string; by: string; threat: string }[];
}
const source = (model: string) => yaml.load(readFileSync(join(ROOT, model), 'utf8'), { schema: yaml.CORE_SCHEMA }) as HostileModel;

/** Lines of output that a model's newline started: they begin with the fixtures' marker. */
const forged = (text: string) => text.split('\n').filter((l) => /^\s*(?:\\u[0-9a-f]{4})*FORGED/.test(l));

describe.each(MODELS)('%s: terminal output', (model) => {
  const args = ['analyze', model, '--all', '--rules', HOSTILE_RULES];
  const plain = runZtm(args);
  const colour = runZtm(args, { env: COLOUR });

  it('completes with the gate verdict as exit code and no stack trace', () => {
    expect(plain.code, plain.stderr).toBe(1);
    expect(plain.stdout.trimEnd().split('\n').at(-1)).toMatch(/^gate: FAILED: \d+ open threats at or above high: /);
    expect(plain.stderr).not.toMatch(STACK_TRACE);
  });

  it('plain: no ESC and no other control, bidi or zero-width character anywhere', () => {
    expect(plain.stdout).not.toContain('\u001b');
    expect(unsafeChars(plain.stdout)).toEqual([]);
    expect(unsafeChars(plain.stderr)).toEqual([]);
  });

  it('coloured (FORCE_COLOR=1): chalk colours it, and without chalk\'s SGR codes nothing unsafe is left', () => {
    expect(colour.code).toBe(1);
    expect(colour.stdout).toMatch(CHALK_SGR);
    const stripped = colour.stdout.replace(CHALK_SGR, '');
    expect(stripped).not.toContain('\u001b');
    expect(unsafeChars(stripped)).toEqual([]);
    // Colour adds nothing but SGR codes.
    expect(stripped).toBe(plain.stdout);
  });

  it('no line of the report was started by a newline in the model', () => {
    expect(forged(plain.stdout)).toEqual([]);
    expect(forged(colour.stdout.replace(CHALK_SGR, ''))).toEqual([]);
  });
});

describe('terminal output shows the hostile text, made visible, not hidden', () => {
  const m = source(TEXT);
  const out = runZtm(['analyze', TEXT, '--all', '--rules', HOSTILE_RULES]).stdout;

  it('the title line: the model name with its escapes as \\u codes', () => {
    expect(out.split('\n')[0]).toBe(`${visible(m.name)} (${TEXT})`);
    expect(out.split('\n')[0]).toBe(`Hostile\\u001b[2J\\u001b[H\\u001b]0;pwned\\u0007text <script>window.__pwned='name'</script> | "]; %%{init: {"securityLevel": "loose"}}%% (${TEXT})`);
  });

  it('component and data names, the acceptance and the hostile rule\'s title, each within its line', () => {
    for (const id of ['api', 'fn', 'table']) expect(out).toContain(visible(m.components[id]!.name!));
    expect(out).toContain(visible(m.data.secrets!.name!));
    const a = m.accept[0]!;
    expect(out).toContain(`  accepted by ${visible(a.by)} until 2027-06-30: ${visible(a.reason)}\n`);
    expect(out).toContain('Rule\\u001b[2J\\u001b]0;title\\u0007 title\\u000aFORGED rule line <script>');
    expect(out).toContain(`warning: ${TEXT}:97:5: acceptance #2 (${visible(m.accept[1]!.threat)}) matches no threat; remove it or fix the rule id or element\n`);
  });

  it('rule placeholders in names stay literal text', () => {
    expect(out).toContain(`reach ${visible(m.components.fn!.name!)} through its entry point`);
    expect(out).toContain("api<img src=x onerror=\"window.__pwned='api'\"> {to} $& {0}");
  });
});

describe('ztm diff of reports with hostile text', () => {
  it('prints no control character from either report', () => {
    const dir = tempDir('diff');
    const before = runZtm(['analyze', 'fixtures/valid/orders-platform.yaml', '--format', 'json', '-o', join(dir, 'old.json'), '--fail-on', 'none']);
    const after = runZtm(['analyze', TEXT, '--format', 'json', '-o', join(dir, 'new.json'), '--fail-on', 'none', '--rules', HOSTILE_RULES]);
    expect([before.code, after.code]).toEqual([0, 0]);
    for (const env of [{}, COLOUR]) {
      const r = runZtm(['diff', join(dir, 'old.json'), join(dir, 'new.json')], { env });
      expect(r.code, r.stderr).toBe(0);
      const text = r.stdout.replace(CHALK_SGR, '');
      expect(text).toMatch(/^Hostile\\u001b\[2J/);
      expect(unsafeChars(text)).toEqual([]);
      expect(forged(text)).toEqual([]);
    }
  });
});

describe('a hostile file name', () => {
  it('validate and analyze show it with visible codes: no escape sequence, no forged line', () => {
    const dir = tempDir('file-name');
    const file = join(dir, 'evil\u001b[2J\u001b]0;title\u0007\nFORGED valid.yaml');
    copyFileSync(join(ROOT, 'fixtures/valid/orders-platform.yaml'), file);
    const shown = visible(file);
    const valid = runZtm(['validate', file], { env: COLOUR });
    expect(valid.code).toBe(0);
    expect(valid.stdout.replace(CHALK_SGR, '')).toBe(`${shown}: valid (9 components, 7 flows, 5 boundaries, 2 warnings)\n`);
    expect(valid.stderr.replace(CHALK_SGR, '')).toContain(`${shown}:53:3: warning: component "auth" has no flows`);
    for (const r of [valid, runZtm(['analyze', file], { env: COLOUR })]) {
      for (const text of [r.stdout, r.stderr].map((t) => t.replace(CHALK_SGR, ''))) {
        expect(unsafeChars(text)).toEqual([]);
        expect(forged(text)).toEqual([]);
      }
    }
  });
});

describe('hostile option values', () => {
  const ORDERS = 'fixtures/valid/orders-platform.yaml';
  const EVIDENCE = 'fixtures/evidence/orders-platform.json';
  const ESC = '\u001b[31m';

  it('a bad value commander refuses is echoed with visible codes, exit 2, for every command', () => {
    const cases: [string[], string][] = [
      [['analyze', ORDERS, '--format', `${ESC}json`], "error: option '-f, --format <format>' argument '\\u001b[31mjson' is invalid. Allowed choices are terminal, json, markdown, sarif.\n"],
      [['analyze', ORDERS, '--fail-on', '\u001b]0;x\u0007'], "error: option '--fail-on <severity>' argument '\\u001b]0;x\\u0007' is invalid. Allowed choices are critical, high, medium, low, none.\n"],
      [['verify', ORDERS, '--fail-on', 'x\ngate: passed'], "error: option '--fail-on <severity>' argument 'x\\u000agate: passed' is invalid. Allowed choices are critical, high, medium, low, none.\n"],
      [['diff', 'a.json', 'b.json', '--format', `${ESC}x`], "error: option '-f, --format <format>' argument '\\u001b[31mx' is invalid. Allowed choices are terminal, markdown, json.\n"],
      [[`anal${ESC}yze`], "error: unknown command 'anal\\u001b[31myze'\n"],
      [['analyze', ORDERS, '--fromat', 'json'], "error: unknown option '--fromat'\n(Did you mean --format?)\n"],
    ];
    for (const [args, stderr] of cases) {
      const r = runZtm(args);
      expect([r.code, r.stdout, r.stderr]).toEqual([2, '', stderr]);
    }
  });

  it('--region must be an AWS Region name, echoed with visible codes (the ESC reached the "ztm verify: account" line)', () => {
    const v = runZtm(['verify', ORDERS, '--replay', EVIDENCE, '--region', `${ESC}x`]);
    expect([v.code, v.stdout, v.stderr]).toEqual([2, '', 'ztm verify: --region takes the name of an AWS Region, such as eu-west-1 or us-east-1, not "\\u001b[31mx"\n']);
    const a = runZtm(['analyze', ORDERS, '--replay', EVIDENCE, '--region', 'eu-west1']);
    expect([a.code, a.stdout, a.stderr]).toEqual([2, '', 'ztm analyze: --region takes the name of an AWS Region, such as eu-west-1 or us-east-1, not "eu-west1"\n']);
    const ok = runZtm(['verify', ORDERS, '--replay', EVIDENCE, '--region', 'us-gov-west-1']);
    expect(ok.stdout).toMatch(/^ztm verify: account \d{12}, us-gov-west-1, /);
    // The Region of a replayed evidence file, when no --region is given.
    const recorded = JSON.parse(readFileSync(join(ROOT, EVIDENCE), 'utf8')) as { region: string };
    const evidence = join(tempDir('region'), 'evidence.json');
    writeFileSync(evidence, JSON.stringify({ ...recorded, region: `${ESC}x` }));
    expect(runZtm(['verify', ORDERS, '--replay', evidence]).stdout).toMatch(/^ztm verify: account \d{12}, \\u001b\[31mx, /);
  });

  it('ztm\'s own usage messages show a file name with visible codes', () => {
    const file = `${ESC}.json`;
    expect(runZtm(['diff', file, 'b.json', '-o', file]).stderr).toBe('ztm diff: -o names \\u001b[31m.json, the old report itself; write it to another file\n');
    const init = runZtm(['init', join(tempDir('init'), `x${ESC}.yaml`)]);
    expect(init.code).toBe(0);
    expect(unsafeChars(init.stdout)).toEqual([]);
  });
});

describe.each(MODELS)('%s: JSON report', (model) => {
  const r = runZtm(['analyze', model, '--format', 'json', '--fail-on', 'none', '--rules', HOSTILE_RULES]);
  const m = source(model);

  it('is valid JSON with no raw control, bidi or zero-width character but its own line breaks, and carries the model\'s text exactly', () => {
    expect(r.code, r.stderr).toBe(0);
    // C1 controls (U+009B is a CSI), bidi overrides and line separators too: JSON.stringify leaves them raw.
    expect(unsafeChars(r.stdout.replace(/\n/g, ''))).toEqual([]);
    const report = JSON.parse(r.stdout) as { model: { name: string; owner?: string }; threats: { element: string; elementKind: string; statement: { text: string } }[] };
    expect(report.model.name).toBe(m.name);
    if (m.owner !== undefined) expect(report.model.owner).toBe(m.owner);
    // Each component with threats of its own is named, exactly, in one of their statements.
    for (const [id, c] of Object.entries(m.components)) {
      const own = report.threats.filter((t) => t.element === id && t.elementKind === 'component');
      if (own.length && c.name) expect(own.map((t) => t.statement.text).join('\n'), id).toContain(c.name);
    }
    expect(Object.getPrototypeOf(report)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe.each(MODELS)('%s: SARIF', (model) => {
  const validate = sarifValidator();
  const r = runZtm(['analyze', model, '--format', 'sarif', '--fail-on', 'none', '--rules', HOSTILE_RULES]);
  const log = JSON.parse(r.stdout) as { runs: { results: { message: { text: string } }[] }[] };

  it('holds no raw control, bidi or zero-width character but its own line breaks', () => {
    expect(unsafeChars(r.stdout.replace(/\n/g, ''))).toEqual([]);
  });

  it('validates against the SARIF 2.1.0 schema', () => {
    expect(r.code, r.stderr).toBe(0);
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  it('plain-text messages hold no embedded link and no placeholder the model wrote (SARIF 2.1.0 §3.11.5, §3.11.6)', () => {
    const texts = log.runs[0]!.results.map((x) => x.message.text);
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) {
      // An embedded link is [text](target) with unescaped brackets; a placeholder is {n}.
      const unescaped = text.replace(/\\[\\[\]]/g, '');
      expect(unescaped, text).not.toMatch(/[[\]]/);
      expect(text.replace(/\{\{|\}\}/g, ''), text).not.toMatch(/[{}]/);
    }
  });
});

describe('SARIF messages keep the hostile text, escaped as SARIF says', () => {
  it('brackets and backslashes escaped with a backslash, braces doubled', () => {
    const log = JSON.parse(runZtm(['analyze', TEXT, '--format', 'sarif', '--fail-on', 'none']).stdout) as { runs: { results: { message: { text: string } }[] }[] };
    const all = log.runs[0]!.results.map((x) => x.message.text).join('\n');
    expect(all).toContain("\\[Dismiss as false positive\\](javascript:window.__pwned='sarif-link')");
    expect(all).toContain("api<img src=x onerror=\"window.__pwned='api'\"> {{to}} $& {{0}}");
  });
});

describe.each(MODELS)('%s: Markdown', (model) => {
  const r = runZtm(['analyze', model, '--format', 'markdown', '--fail-on', 'none', '--rules', HOSTILE_RULES]);
  const md = r.stdout;
  const lines = md.split('\n');

  it('one Mermaid block, no other fence, no raw HTML tag but the register\'s anchors', () => {
    expect(r.code, r.stderr).toBe(0);
    expect(md.match(/^```.*$/gm)).toEqual(['```mermaid', '```']);
    const outside = md.replace(/```mermaid\n[\s\S]*?```/, '').replace(/<a id="threat-[a-z0-9-]+"><\/a>/g, '');
    expect(outside).not.toMatch(/<[a-z!/]/i);
    expect(unsafeChars(outside)).toEqual([]);
  });

  it('every table row keeps its column count', () => {
    let expected = 0;
    lines.forEach((row, i) => {
      if (!row.startsWith('| ')) return;
      const cells = row.replace(/\\\|/g, '').split('|').length;
      if (/^\| (---|--:|:-:)/.test(lines[i + 1] ?? '')) expected = cells;
      expect(cells, row).toBe(expected);
    });
  });

  it('no line the model wrote is a heading, list item, quote, fence or thematic break of its own', () => {
    const outside = md.replace(/```mermaid\n[\s\S]*?```/, '');
    expect(forged(outside)).toEqual([]);
    // A thematic break is a line of three or more - (or * or _, which are always escaped), spaces
    // allowed: `---`, `-- -`, and `- ---` (a list item of "---" is one). Table rules start with |.
    expect(outside.split('\n').filter((l) => /^ {0,3}(?:-[ \t]*){3,}$/.test(l))).toEqual([]);
  });
});
