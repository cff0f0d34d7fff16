/**
 * Several reports from one run (`--json`, `--markdown`, `--sarif`, besides
 * `--format`): the same analysis in each, every file whole or none of them.
 * And outputs that every command refuses before any work: an empty name, one
 * file named twice, a file the command reads (src/cli/output-files.ts).
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runZtm } from './helpers/cli.js';
import { tempDir } from './helpers/hostile.js';

const MODEL = 'fixtures/valid/orders-platform.yaml';
/** Each report as a run of its own prints it. */
const alone = (format: string, ...flags: string[]) => runZtm(['analyze', MODEL, '--format', format, ...flags]).stdout;

describe('ztm analyze --json, --markdown, --sarif', () => {
  it('writes each report of one run, byte for byte what a run of its own prints, and the terminal report to stdout', () => {
    const dir = tempDir('reports');
    const [json, md, sarif] = [join(dir, 'threats.json'), join(dir, 'REVIEW.md'), join(dir, 'ztm.sarif')];
    const r = runZtm(['analyze', MODEL, '--json', json, '--markdown', md, '--sarif', sarif]);
    expect(r.code).toBe(1); // the sketch has open high threats, as a plain run says
    expect(r.stdout).toBe(alone('terminal'));
    expect(r.stderr).toBe(`wrote ${json}\nwrote ${md}\nwrote ${sarif}\n`);
    expect(readFileSync(json, 'utf8')).toBe(alone('json'));
    expect(readFileSync(md, 'utf8')).toBe(alone('markdown'));
    expect(readFileSync(sarif, 'utf8')).toBe(alone('sarif'));
    expect(readdirSync(dir).sort()).toEqual(['REVIEW.md', 'threats.json', 'ztm.sarif']);
  });

  it('with -o: the --format report goes to its file first, nothing to stdout, one gate line', () => {
    const dir = tempDir('reports-o');
    const [out, sarif] = [join(dir, 'review.md'), join(dir, 'ztm.sarif')];
    const r = runZtm(['analyze', MODEL, '--format', 'markdown', '-o', out, '--sarif', sarif, '--fail-on', 'none']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`wrote ${out}\nwrote ${sarif}\ngate: passed (--fail-on none)\n`);
    expect(readFileSync(out, 'utf8')).toBe(alone('markdown', '--fail-on', 'none'));
    expect(readFileSync(sarif, 'utf8')).toBe(alone('sarif', '--fail-on', 'none'));
  });

  it('refuses two options that name one file, before any work: exit 2, nothing written', () => {
    const dir = tempDir('reports-clash');
    const r = runZtm(['analyze', MODEL, '-o', join(dir, 'r.json'), '--format', 'json', '--json', join(dir, '.', 'r.json')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`ztm analyze: -o and --json both name ${join(dir, '.', 'r.json')}; give each its own file\n`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses an empty file name: exit 2, one line', () => {
    const r = runZtm(['analyze', MODEL, '--sarif', '']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('ztm analyze: --sarif needs a file name\n');
  });

  it('refuses to write a report over the model itself', () => {
    const dir = tempDir('reports-model');
    const model = join(dir, 'arch.yaml');
    writeFileSync(model, readFileSync(MODEL));
    const r = runZtm(['analyze', model, '--format', 'json', '-o', join(dir, '..', basename(dir), 'arch.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`ztm analyze: -o names ${join(dir, '..', basename(dir), 'arch.yaml')}, the model itself; write it to another file\n`);
    expect(readFileSync(model, 'utf8')).toBe(readFileSync(MODEL, 'utf8'));
  });

  it('knows one file by any spelling: through a linked directory, or a link to the model', () => {
    // Comparing the paths as written let `self/arch.yaml` (self -> .) overwrite the model, and two
    // reports named through a linked directory overwrite one another.
    const dir = tempDir('reports-links');
    const model = join(dir, 'arch.yaml');
    writeFileSync(model, readFileSync(MODEL));
    mkdirSync(join(dir, 'real'));
    symlinkSync('.', join(dir, 'self'));
    symlinkSync('real', join(dir, 'linkdir'));
    symlinkSync('arch.yaml', join(dir, 'lnk.yaml'));
    const cases: [args: string[], stderr: string][] = [
      [[model, '-o', join(dir, 'self', 'arch.yaml')], `-o names ${join(dir, 'self', 'arch.yaml')}, the model itself`],
      [[join(dir, 'lnk.yaml'), '-o', model], `-o names ${model}, the model itself`],
      [[model, '--json', join(dir, 'real', 'x.out'), '--sarif', join(dir, 'linkdir', 'x.out')], `--json and --sarif both name ${join(dir, 'linkdir', 'x.out')}`],
    ];
    for (const [args, why] of cases) {
      const r = runZtm(['analyze', ...args, '--format', 'json']);
      expect([r.code, r.stdout, r.stderr], args.join(' ')).toEqual([2, '', `ztm analyze: ${why}${why.includes('both') ? '; give each its own file' : '; write it to another file'}\n`]);
    }
    expect(readFileSync(model, 'utf8')).toBe(readFileSync(MODEL, 'utf8'));
    expect(readdirSync(join(dir, 'real'))).toEqual([]);
    // The link itself is what -o replaces, so a report over a link to the model leaves the model alone.
    const r = runZtm(['analyze', model, '--format', 'json', '--fail-on', 'none', '-o', join(dir, 'lnk.yaml')]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(model, 'utf8')).toBe(readFileSync(MODEL, 'utf8'));
  });

  it('refuses a report over the --record evidence file too', () => {
    const dir = tempDir('reports-record');
    const r = runZtm(['analyze', MODEL, '--replay', 'fixtures/evidence/orders-platform.json', '--record', join(dir, 'e.json'), '--json', join(dir, 'e.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`ztm analyze: --json and --record both name ${join(dir, 'e.json')}; give each its own file\n`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('writes none when one cannot be written: the others stay as they were, no temporary file is left', () => {
    const dir = tempDir('reports-refused');
    const json = join(dir, 'threats.json');
    writeFileSync(json, 'old\n');
    const r = runZtm(['analyze', MODEL, '--json', json, '--sarif', join(dir, 'ztm.sarif'), '--markdown', join(dir, 'missing', 'REVIEW.md')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`ztm: cannot write ${join(dir, 'missing', 'REVIEW.md')}: its directory does not exist\n`);
    expect(readFileSync(json, 'utf8')).toBe('old\n');
    expect(readdirSync(dir)).toEqual(['threats.json']);
  });

  it('writes none for a model with errors: exit 2 with the positioned message', () => {
    const dir = tempDir('reports-bad');
    const r = runZtm(['analyze', 'fixtures/invalid/unknown-kind.yaml', '--json', join(dir, 'threats.json'), '--markdown', join(dir, 'REVIEW.md')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^fixtures\/invalid\/unknown-kind\.yaml:\d+:\d+: error: /);
    expect(existsSync(join(dir, 'threats.json')) || existsSync(join(dir, 'REVIEW.md'))).toBe(false);
  });
});

describe('outputs that would overwrite an input, in the other commands', () => {
  it('ztm verify -o naming the evidence it replays: exit 2, the evidence untouched', () => {
    const dir = tempDir('verify-input');
    const evidence = join(dir, 'evidence.json');
    writeFileSync(evidence, readFileSync('fixtures/evidence/orders-platform.json'));
    const r = runZtm(['verify', MODEL, '--replay', evidence, '-o', evidence]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`ztm verify: -o names ${evidence}, the evidence to replay itself; write it to another file\n`);
    expect(readFileSync(evidence, 'utf8')).toBe(readFileSync('fixtures/evidence/orders-platform.json', 'utf8'));
  });

  it('ztm diff -o naming one of the two reports: exit 2, the report untouched', () => {
    const dir = tempDir('diff-input');
    const [main, report] = [join(dir, 'main.json'), join(dir, 'pr.json')];
    writeFileSync(main, alone('json'));
    writeFileSync(report, alone('json'));
    const r = runZtm(['diff', main, report, '-o', report]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`ztm diff: -o names ${report}, the new report itself; write it to another file\n`);
    expect(readFileSync(report, 'utf8')).toBe(alone('json'));
  });
});
