/** `ztm init`, `ztm schema`, usage errors, --help and --version, as a process. */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMPONENT_KIND_IDS } from '../src/model/catalog/kinds.js';
import { VERSION } from '../src/version.js';
import { runZtm } from './helpers/cli.js';

const tempDir = () => mkdtempSync(join(tmpdir(), 'ztm-init-'));

describe('ztm init', () => {
  it('writes a starter model that validates', () => {
    const cwd = tempDir();
    const r = runZtm(['init'], { cwd });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('wrote arch.yaml');
    const v = runZtm(['validate', 'arch.yaml'], { cwd });
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/^arch\.yaml: valid/);
  });

  it('refuses to overwrite a file: exit 2, the file unchanged', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'mine.yaml'), 'precious');
    const r = runZtm(['init', 'mine.yaml'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('ztm init: not writing mine.yaml: it already exists');
    expect(readFileSync(join(cwd, 'mine.yaml'), 'utf8')).toBe('precious');
  });

  it('refuses a directory that does not exist: exit 2', () => {
    const cwd = tempDir();
    const r = runZtm(['init', 'no/such/dir/arch.yaml'], { cwd });
    expect(r.code).toBe(2);
    expect(existsSync(join(cwd, 'no'))).toBe(false);
  });
});

describe('ztm schema', () => {
  it('prints JSON Schema that parses and lists the component kinds', () => {
    const r = runZtm(['schema']);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout) as { properties: { components: { additionalProperties: { properties: { kind: { enum: string[] } } } } } };
    expect(schema.properties.components.additionalProperties.properties.kind.enum).toEqual(COMPONENT_KIND_IDS);
  });
});

describe('usage', () => {
  it('unknown command and unknown option: exit 2', () => {
    const cmd = runZtm(['nope']);
    expect(cmd.code).toBe(2);
    expect(cmd.stderr).toContain("unknown command 'nope'");
    const opt = runZtm(['--bogus']);
    expect(opt.code).toBe(2);
    expect(opt.stderr).toContain("unknown option '--bogus'");
  });

  it('--version prints the version', () => {
    const r = runZtm(['--version']);
    expect([r.code, r.stdout.trim()]).toEqual([0, VERSION]);
  });

  it.each([[[]], [['validate']], [['init']], [['schema']], [['analyze']], [['diff']], [['verify']]])('--help %j shows examples', (command) => {
    const r = runZtm([...command, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toMatch(/\n {2}ztm \w+/);
  });
});
