/** README and the schema file say what the code does: generated parts are fresh, examples run, commands exist. */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain ESM script without type declarations
import { README_FILE, RULES_SCHEMA_FILE, SCHEMA_FILE, readmeText, rulesSchemaText, schemaText } from '../scripts/generated.mjs';
import { ROOT, runZtm } from './helpers/cli.js';

const README = readFileSync(README_FILE, 'utf8');
const STALE = 'stale: run `npm run gen` and commit the result';

/** The body of the first fenced block with this language after a heading. */
function fenced(lang: string, heading: string): string {
  const from = README.indexOf(heading);
  expect(from, `README has no heading ${heading}`).toBeGreaterThan(-1);
  const m = new RegExp('```' + lang + '\\n([\\s\\S]*?)```').exec(README.slice(from));
  expect(m, `no ${lang} block after ${heading}`).not.toBeNull();
  return m![1]!;
}

describe('generated files', () => {
  it('schema/ztm-model-v1.schema.json is exactly what `ztm schema` prints', () => {
    const r = runZtm(['schema']);
    expect(r.code).toBe(0);
    expect(readFileSync(SCHEMA_FILE, 'utf8'), STALE).toBe(r.stdout);
  });

  it('scripts/generated.mjs renders the same schema text as the CLI', async () => {
    expect(await schemaText()).toBe(runZtm(['schema']).stdout);
  });

  it('schema/ztm-rules-v1.schema.json is exactly what `ztm schema --rules` prints', async () => {
    const r = runZtm(['schema', '--rules']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).$id).toBe('https://ztm.dev/schema/ztm-rules-v1.schema.json');
    expect(readFileSync(RULES_SCHEMA_FILE, 'utf8'), STALE).toBe(r.stdout);
    expect(await rulesSchemaText()).toBe(r.stdout);
  });

  it("README's generated tables match the catalogs", async () => {
    expect(README, STALE).toBe(await readmeText(README));
  });

  it('every generated block is filled, and a stale one is detected', async () => {
    for (const name of ['commands', 'kinds', 'controls', 'auth', 'protocols', 'boundaries', 'limits', 'exit-codes']) {
      expect(README).toMatch(new RegExp(`<!-- generated:${name} -->\\n\\| `));
    }
    const tampered = README.replace(/\| `waf` \|[^\n]*/, '| `waf` | hand-edited |');
    expect(tampered).not.toBe(README);
    expect(await readmeText(tampered)).toBe(await readmeText(README));
  });
});

describe('README', () => {
  it('quick start runs on this checkout', () => {
    const cmd = fenced('sh', '## Quick start').trim();
    const m = /^npm ci && npx ztm (validate|analyze) (\S+)$/.exec(cmd);
    expect(m, cmd).not.toBeNull();
    const r = runZtm([m![1]!, m![2]!]);
    expect(r.stderr).not.toMatch(/: error: |unknown command/);
    if (m![1] === 'validate') expect(r.code).toBe(0);
    else {
      // analyze: the sketch has open threats, so the default gate fails with 1, as README says.
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/\d+ threats: \d+ open/);
      expect(README).toContain('and exits 1');
    }
  });

  it('the annotated model example validates with no warnings', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ztm-docs-')), 'example.yaml');
    writeFileSync(file, fenced('yaml', '## The model format'));
    const r = runZtm(['validate', file]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('documents every command that `ztm --help` lists', () => {
    const help = runZtm(['--help']).stdout;
    const section = help.slice(help.indexOf('Commands:'), help.indexOf('\n\n', help.indexOf('Commands:')));
    const commands = [...section.matchAll(/^\s{2}([a-z]+)\b/gm)].map((m) => m[1]!).filter((c) => c !== 'help');
    expect(commands.length).toBeGreaterThan(0);
    for (const c of commands) expect(README, `ztm ${c} is undocumented`).toContain(`\`ztm ${c}`);
  });

  it('documents every warning the model checks can give', () => {
    const source = readFileSync(join(ROOT, 'src/model/references.ts'), 'utf8');
    const codes = [...source.matchAll(/\bwarn\(\[[^\]]*\],\s*'([a-z-]+)'/g)].map((m) => m[1]!);
    expect(codes.length).toBeGreaterThan(0);
    for (const code of codes) expect(README, `warning ${code} is undocumented`).toContain(`| \`${code}\` |`);
  });

  it('states the supported Node versions from package.json engines', () => {
    const engines = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).engines.node as string;
    const major = /^>=(\d+)$/.exec(engines)?.[1];
    expect(major, engines).toBeDefined();
    expect(README).toContain(`Node ${major} and later`);
  });

  it('has the sections a user looks for', () => {
    for (const h of ['Analysis and the CI gate', 'Reports', 'Live verification', 'Performance']) {
      expect(README).toMatch(new RegExp(`^## ${h}`, 'm'));
    }
  });

  it('lists every example model that fixtures/valid holds', () => {
    const files = readdirSync(join(ROOT, 'fixtures/valid')).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThan(0);
    const section = README.slice(README.indexOf('## Example models'));
    for (const f of files) expect(section, `${f} is not listed`).toContain(`| \`${f}\` |`);
  });
});
