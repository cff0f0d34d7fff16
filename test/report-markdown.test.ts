/** The design-review document: the parts a reviewer reads, escaping of hostile names, determinism. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/cli.js';
import { HOSTILE, TEST_RULES, VALID, analyze, isOpen, jsonReport } from './data/reports.js';
import fc from 'fast-check';
import { escapeHtml, escapeMarkdown, markdownId, terminalSafe } from '../src/report/escape.js';
import { threatAnchor } from '../src/report/markdown/anchors.js';
import { reviewContext } from '../src/report/markdown/context.js';

const ORDERS = 'fixtures/valid/orders-platform.yaml';
const markdownOf = (model: string, ...extra: string[]) => {
  const r = analyze(model, 'markdown', ...extra);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
};
const headings = (md: string, level: number) => md.split('\n').filter((l) => l.startsWith(`${'#'.repeat(level)} `)).map((l) => l.slice(level + 1));
/** The lines of one `## title` section. */
const section = (md: string, title: string) => {
  const start = md.indexOf(`\n## ${title}\n`);
  expect(start, `section ${title}`).toBeGreaterThan(-1);
  const end = md.indexOf('\n## ', start + 1);
  return md.slice(start, end === -1 ? undefined : end);
};

describe('markdown: structure', () => {
  const md = markdownOf(ORDERS, ...TEST_RULES);

  it('has the sections in review order', () => {
    expect(headings(md, 1)).toEqual(['Threat model review: Orders platform']);
    expect(headings(md, 2)).toEqual(['Summary', 'Zero-trust posture', 'Data-flow diagram', 'STRIDE per element', 'Attack paths', 'Threat register', 'Control checklist', 'Accepted risks', 'Assumptions', 'Out of scope']);
  });

  it('states owner, model file, ztm version and the gate verdict', () => {
    expect(md).toContain('- **Owner:** platform-team');
    expect(md).toContain('- **Model file:** `fixtures/valid/orders-platform.yaml`');
    expect(md).toMatch(/- \*\*Analysed by:\*\* ztm \d+\.\d+\.\d+ with 3 rules \(3 custom\)/);
    expect(section(md, 'Summary')).toContain('**Gate** (fail on none): ✅ gate: passed (--fail-on none)');
    expect(section(md, 'Summary')).toContain('| Spoofing | 2 | · | · | · | 2 | 0 | 2 |');
  });

  it('scores the three pillars and names the open threats that weaken each', () => {
    const posture = section(md, 'Zero-trust posture');
    expect(headings(posture, 3).map((h) => h.replace(/:.*/, ''))).toEqual(['Identity verified before every request', 'Layered per-resource defence', 'Everything encrypted and visible', 'Where the design still trusts the network']);
    // mtls → identity pillar: two open critical threats, nothing mitigated.
    expect(posture).toContain('### Identity verified before every request: 0/100 (weak)');
    expect(posture).toContain('[`spoofing.rt-unauthenticated-internal-flow@web->api`](#threat-spoofing-rt-unauthenticated-internal-flow-web-api)');
    // No rule recommends a layered-defence control: nothing bears on it.
    expect(posture).toContain('### Layered per-resource defence: 100/100 (strong)');
  });

  it('shows where the design still trusts network location, next to the zero-trust expectation', () => {
    // Read from the threats of the built-in perimeter rules, so this one runs the real catalog.
    const builtIn = markdownOf(ORDERS, '--fail-on', 'none');
    const table = section(builtIn, 'Zero-trust posture').split('### Where the design still trusts the network')[1]!;
    expect(table).toContain('| Threat | Status | Perimeter trust today | Zero-trust expectation |');
    expect(table).toMatch(/\| \[`information-disclosure\.plaintext-inside-vpc@web->api`\]\(#[^)]+\) \| critical, open \| Plaintext inside the trusted network/);
    expect(table).toMatch(/\| \[`spoofing\.unauthenticated-internal-flow@cdn->web`\]\(#[^)]+\) \| critical, open \| The receiver accepts any caller/);
  });

  it('draws the data-flow diagram with the elements of open high/critical threats flagged', () => {
    const block = /```mermaid\n([\s\S]*?)```/.exec(md)?.[1];
    expect(block).toBeDefined();
    expect(block).toMatch(/^flowchart LR/);
    // Both unauthenticated flows (critical) are flagged; the low plaintext threat flags nothing else.
    expect(block).toMatch(/^linkStyle \d+,\d+ stroke:#d00/m);
    expect(block).not.toMatch(/^class .* flagged$/m);
  });

  it('has a STRIDE-per-element matrix row for every component and flow', () => {
    const matrix = section(md, 'STRIDE per element');
    expect(matrix).toContain('| Element | Type | S | T | R | I | D | E |');
    expect(matrix).toContain('| `web->api` | flow | **1 open** (critical) | **1 open** (low) | n/a | · | · | n/a |');
    expect(matrix).toMatch(/\| `db` \| data-store \| n\/a \| · \| (\*\*1 open\*\* \(low\)|1 mitigated) \| · \| · \| n\/a \|/);
    expect(matrix).toContain('| `customer` | external-entity | · | n/a |');
  });

  it('lists the threat register most severe first, with reasoning, controls and linked references', () => {
    const register = section(md, 'Threat register');
    const titles = headings(register, 3);
    expect(titles).toHaveLength(4);
    expect(titles[0]).toMatch(/^<a id="threat-spoofing-rt-unauthenticated-internal-flow-cdn-web"><\/a>1\. /);
    const ranks = [...register.matchAll(/- \*\*Severity:\*\* \**(critical|high|medium|low)/g)].map((m) => ['low', 'medium', 'high', 'critical'].indexOf(m[1]!));
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    expect(register).toContain('- **Severity:** **critical** (likelihood medium, impact critical; ');
    expect(register).toContain('  - ACM Private CA: mutual TLS (`mtls`). Make web verify a client certificate of cdn.');
    expect(register).toContain('[Security Hub IAM.5](https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-5)');
    expect(register).toContain('(https://attack.mitre.org/techniques/T1078/004/)');
    expect(register).toContain('(https://docs.aws.amazon.com/vpc-lattice/latest/ug/auth-policies.html)');
    expect(register).toContain('CIS AWS Foundations 2.1.1');
  });

  it('has a control checklist by AWS service that says what is declared', () => {
    const checklist = section(md, 'Control checklist');
    expect(headings(checklist, 3)).toEqual(['ACM Private CA', 'ACM / ELB', 'AWS CloudTrail']);
    expect(checklist).toMatch(/- \[ \] `mtls`: .* Closes: ✗ \[`spoofing\.rt-unauthenticated-internal-flow@cdn->web`\]/);
    expect(checklist).toMatch(/- \[[ x]\] `cloudtrail`: .* Closes: [✓✗] \[`repudiation\.rt-store-without-cloudtrail@db`\]/);
  });

  it('lists accepted risks with owner, reason and expiry', () => {
    const withAccept = VALID.find((m) => jsonReport(m).threats.some((t) => t.status === 'accepted'))!;
    const accepted = jsonReport(withAccept).threats.find((t) => t.status === 'accepted')!;
    const doc = markdownOf(withAccept);
    const model = yaml.load(readFileSync(join(ROOT, withAccept), 'utf8')) as { accept: { by: string; expires: string | Date }[] };
    const a = model.accept[0]!;
    const table = section(doc, 'Accepted risks');
    expect(table).toContain('| Threat | Element | Severity | Owner | Reason | Expires | Status | Ticket |');
    expect(table).toContain(markdownId(accepted.id));
    expect(table).toContain(`| ${escapeMarkdown(a.by)} |`);
  });

  it('lists the attack paths of threats that have one', () => {
    for (const model of VALID) {
      const withPath = jsonReport(model).threats.filter((t) => t.path);
      if (withPath.length === 0) continue;
      const paths = section(markdownOf(model), 'Attack paths');
      for (const t of withPath) expect(paths).toContain(markdownId(t.id));
      return;
    }
  });

  it('fills in assumptions and out of scope from the model', () => {
    const model = 'fixtures/valid/three-tier-web.yaml';
    const src = yaml.load(readFileSync(join(ROOT, model), 'utf8')) as { assumptions: string[]; out_of_scope: string[] };
    const doc = markdownOf(model);
    for (const a of src.assumptions) expect(section(doc, 'Assumptions')).toContain(`- ${escapeMarkdown(a)}`);
    for (const o of src.out_of_scope) expect(section(doc, 'Out of scope')).toContain(`- ${escapeMarkdown(o)}`);
  });
});

describe('markdown: determinism', () => {
  it.each(VALID)('%s renders byte-identically twice', (model) => {
    expect(markdownOf(model)).toBe(markdownOf(model));
  });

  it('does not depend on the order of components and flows in the model', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ztm-md-'));
    const model = yaml.load(readFileSync(join(ROOT, 'fixtures/valid/serverless-api.yaml'), 'utf8'), { schema: yaml.CORE_SCHEMA }) as Record<string, unknown>;
    const reversed = { ...model, components: Object.fromEntries(Object.entries(model.components as object).reverse()), flows: [...(model.flows as unknown[])].reverse() };
    writeFileSync(join(dir, 'a.yaml'), yaml.dump(model));
    writeFileSync(join(dir, 'b.yaml'), yaml.dump(reversed));
    const a = markdownOf(join(dir, 'a.yaml')).replaceAll(join(dir, 'a.yaml'), 'MODEL');
    const b = markdownOf(join(dir, 'b.yaml')).replaceAll(join(dir, 'b.yaml'), 'MODEL');
    expect(a).toContain('## Threat register');
    expect(b).toBe(a);
  });
});

describe('markdown: hostile names', () => {
  const md = markdownOf(HOSTILE);
  // Outside the diagram, and without the register's own anchors.
  const outsideMermaid = md.replace(/```mermaid\n[\s\S]*?```/, '').replace(/<a id="threat-[a-z0-9-]+"><\/a>/g, '');

  it('lets no raw HTML, comment, link or code fence through', () => {
    expect(outsideMermaid).not.toMatch(/<(script|img|svg|b|a |br)/i);
    expect(outsideMermaid).not.toContain('<!--');
    expect(outsideMermaid).not.toMatch(/(?<!\\)\]\(javascript:/); // an unescaped link target
    expect(md.match(/^```/gm)).toHaveLength(2); // the one Mermaid block: open and close
    expect(outsideMermaid).toContain('&lt;script&gt;');
    expect(outsideMermaid).toContain('\\[link\\]');
  });

  it('keeps every table row to its column count', () => {
    const rows = md.split('\n').filter((l) => l.startsWith('| '));
    let expected = 0;
    for (const row of rows) {
      const cells = row.replace(/\\\|/g, '').split('|').length;
      if (!/^\| ---|^\| --:/.test(row) && rows[rows.indexOf(row) + 1]?.match(/^\| (---|--:|:-:)/)) expected = cells;
      expect(cells, row).toBe(expected);
    }
  });

  it('escapes the title so the heading stays one heading', () => {
    expect(headings(md, 1)).toEqual(['Threat model review: Hostile &lt;script&gt;alert(\'title\')&lt;/script&gt; "\\]; click x call alert(1) %%']);
  });

  it('shows control and bidi characters as visible codes', () => {
    expect(md).not.toMatch(/[\u202E\u200B\u001B]/);
    expect(md).toContain('\\u202e');
  });
});

describe('escapeMarkdown / escapeHtml', () => {
  it.each([
    ['a|b', 'a\\|b'],
    ['line\none', 'line one'],
    ['`code`', '\\`code\\`'],
    ['<script>x</script>', '&lt;script&gt;x&lt;/script&gt;'],
    ['[x](javascript:alert(1))', '\\[x\\](javascript:alert(1))'],
    ['<!-- c -->', '&lt;!-- c --&gt;'],
    ['# not a heading', '\\# not a heading'],
    ['- not a list', '\\- not a list'],
    ['1. not a list', '1\\. not a list'],
    ['v0.1.0 and ap-northeast-1', 'v0.1.0 and ap-northeast-1'],
    ['**bold** _it_ ~~s~~', '\\*\\*bold\\*\\* \\_it\\_ \\~\\~s\\~\\~'],
    ['a & b', 'a &amp; b'],
    ['the path c1 → c2 → c3', 'the path c1 → c2 → c3'],
    ['- c1 → c2', '\\- c1 → c2'],
  ])('%j → %j', (input, output) => {
    expect(escapeMarkdown(input)).toBe(output);
  });

  it('makes the same text as one pass per rule, in the order the rules are written', () => {
    // escapeMarkdown as first written, a pass per rule: the one-pass version must agree on any text.
    const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
    const byPass = (text: string) =>
      terminalSafe(
        text
          .replace(/\s+/g, ' ')
          .trim()
          .replace(/[&<>]/g, (c) => entities[c]!)
          .replace(/[\\`*_[\]|~#]/g, (c) => `\\${c}`)
          .replace(/^(-|\+(?= |$)|=|\d+(?=[.)](?: |$)))/, (m) => (/\d/.test(m) ? `${m}\\` : `\\${m}`)),
      );
    const tricky = [...'-+=1234567890.) \t\n\r\u000b\f\u00a0\u2028\u2029\ufeff\u3000&<>"\'\\`*_[]|~#!()/:;@aZ\u0000\u001b\u007f\u0085\u009f\u061c\u200b\u200e\u202a\u202e\u2066\u2069\ufb02\u00b0\u00b6\u00df→✓é'];
    const text = fc.array(fc.constantFrom(...tricky), { maxLength: 24 }).map((cs) => cs.join(''));
    fc.assert(fc.property(fc.oneof(text, fc.string({ unit: 'binary', maxLength: 24 })), (t) => escapeMarkdown(t) === byPass(t)), { numRuns: 20_000 });
  });

  it('escapes HTML for element content and attributes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('puts plain ids in code spans and escapes anything else', () => {
    expect(markdownId('spoofing.x@cdn->web')).toBe('`spoofing.x@cdn->web`');
    expect(markdownId('a`b|c')).toBe('a\\`b\\|c');
  });
});

describe('threat anchors', () => {
  it('are the rule and the element made anchor parts, joined by `-` when both have one', () => {
    // As first written: the id split at its first `@`, each side made a part.
    const part = (text: string) => text.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase();
    const bySides = (id: string) => {
      const at = id.indexOf('@');
      if (at < 0) return `threat-${part(id)}`;
      const [rule, element] = [part(id.slice(0, at)), part(id.slice(at + 1))];
      return `threat-${rule && element ? `${rule}-${element}` : rule || element}`;
    };
    const text = fc.oneof(fc.array(fc.constantFrom(...'aZ09.-_@@ /->é→'), { maxLength: 12 }).map((cs) => cs.join('')), fc.string({ maxLength: 12 }));
    const ctx = () => reviewContext({} as never, {} as never);
    // A threat's id is its rule and element joined by `@`; an id that is not is anchored whole.
    fc.assert(fc.property(text, text, (rule, element) => threatAnchor(ctx(), { id: `${rule}@${element}`, rule, element }) === bySides(`${rule}@${element}`)), { numRuns: 20_000 });
    fc.assert(fc.property(text, text, text, (id, rule, element) => threatAnchor(ctx(), { id, rule, element }) === bySides(id)), { numRuns: 20_000 });
    const shared = ctx();
    expect(['a.b@x', 'a.b@y', 'A.B@x'].map((id) => threatAnchor(shared, { id, rule: id.split('@')[0]!, element: id.split('@')[1]! }))).toEqual(['threat-a-b-x', 'threat-a-b-y', 'threat-a-b-x']);
    expect(threatAnchor(shared, { id: 'spoofing.no-auth@cdn->web', rule: 'spoofing.no-auth', element: 'cdn->web' })).toBe('threat-spoofing-no-auth-cdn-web');
  });
});

describe('markdown: every fixture', () => {
  it.each(VALID)('%s: the register lists every threat once, mitigated ones in their table, and the summary counts the open ones', (model) => {
    const report = jsonReport(model);
    const md = markdownOf(model);
    const register = section(md, 'Threat register');
    const [entries, table = ''] = register.split('### Mitigated threats\n');
    for (const t of report.threats) {
      const written = t.status === 'mitigated' ? table.split(`"></a>${markdownId(t.id)} | `) : entries!.split(`- **Id:** ${markdownId(t.id)}\n`);
      expect(written.length - 1, t.id).toBe(1);
      expect(register.split(markdownId(t.id)).length - 1, `${t.id} appears once`).toBe(1);
    }
    expect(section(md, 'Summary')).toContain(`**${report.threats.filter(isOpen).length} open**`);
  });
});
