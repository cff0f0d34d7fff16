/**
 * The npm package as a user gets it: pack, install the tarball into a fresh
 * prefix, and run the installed bin from an unrelated working directory.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers/cli.js';

const PKG = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string; files: string[] };
const NEEDED = ['bin/', 'dist/', 'templates/', 'schema/', 'rules/', 'README.md'];

let work: string;
let packed: string[];
let installed: string;
let bin: string;

/** The environment without the npm_* variables of an enclosing `npm test`, so that nested npm commands see only their own flags. */
const ENV = { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k))), NO_COLOR: '1' };

function run(cmd: string, args: string[], cwd: string) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: 120_000, env: ENV });
  return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', error: r.error };
}

const filesUnder = (dir: string): string[] =>
  readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(ROOT, join(e.parentPath, e.name)).split('\\').join('/'));

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'ztm-pack-'));
  // dist/ is already built by `npm test`; skipping `prepare` keeps tsc from rewriting dist/ under running tests.
  const pack = run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], ROOT);
  expect(pack.code, pack.stderr).toBe(0);
  const [info] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
  packed = info!.files.map((f) => f.path);
  const prefix = join(work, 'prefix');
  const install = run('npm', ['install', '--prefix', prefix, join(work, info!.filename), '--no-audit', '--no-fund', '--prefer-offline'], work);
  expect(install.code, install.stderr).toBe(0);
  installed = join(prefix, 'node_modules', PKG.name);
  bin = join(prefix, 'node_modules', '.bin', 'ztm');
}, 180_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the packed tarball', () => {
  it('package.json `files` lists what the tool needs at run time', () => {
    expect(PKG.files).toEqual(expect.arrayContaining(NEEDED));
  });

  it('ships the bin, the build, the template, the schema, the rules and the README', () => {
    for (const f of ['package.json', 'README.md', 'bin/ztm.js', 'dist/cli/main.js', 'templates/starter.yaml', 'schema/ztm-model-v1.schema.json']) {
      expect(packed).toContain(f);
    }
    for (const dir of ['bin', 'dist', 'templates', 'schema', 'rules']) {
      if (existsSync(join(ROOT, dir))) for (const f of filesUnder(dir)) expect(packed, `${f} is not packed`).toContain(f);
    }
  });

  it('ships no tests, sources, scripts or CI files', () => {
    const leaked = packed.filter((f) => /^(test|src|scripts|bench|\.ci|fixtures\/invalid|fixtures\/rules)\//.test(f) || /\.test\.[jt]s$/.test(f));
    expect(leaked).toEqual([]);
  });
});

describe('the installed package, run from another directory', () => {
  const cwd = () => {
    const dir = join(work, 'elsewhere');
    mkdirSync(dir, { recursive: true });
    return dir;
  };

  it('ztm --version prints the package version', () => {
    const r = run(bin, ['--version'], cwd());
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(PKG.version);
  });

  it('ztm validate checks a shipped example', () => {
    const r = run(bin, ['validate', join(installed, 'fixtures/valid/three-tier-web.yaml')], cwd());
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/three-tier-web\.yaml: valid \(\d+ components/);
  });

  it('ztm validate rejects a missing file with exit 2', () => {
    const r = run(bin, ['validate', 'no-such-model.yaml'], cwd());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no such file');
  });

  it('ztm init writes the packaged template, which validates', () => {
    const dir = cwd();
    const init = run(bin, ['init', 'starter.yaml'], dir);
    expect(init.code, init.stderr).toBe(0);
    expect(readFileSync(join(dir, 'starter.yaml'), 'utf8')).toBe(readFileSync(join(installed, 'templates/starter.yaml'), 'utf8'));
    const r = run(bin, ['validate', 'starter.yaml'], dir);
    expect(r.code, r.stderr).toBe(0);
  });

  it('ztm schema prints the schema file that ships in the package', () => {
    const r = run(bin, ['schema'], cwd());
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(installed, 'schema/ztm-model-v1.schema.json'), 'utf8'));
  });
});
