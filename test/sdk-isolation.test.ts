import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BIN, fixture } from './helpers/cli.js';

const HOOK = fileURLToPath(new URL('./helpers/trace-imports.mjs', import.meta.url));

function traced(args: string[]): { code: number | null; loaded: string[] } {
  const r = spawnSync(process.execPath, ['--import', HOOK, BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, loaded: r.stderr.split('\n').filter((l) => l.startsWith('LOADED ')) };
}

describe('the AWS SDK is loaded only when verification runs', () => {
  it('ztm analyze never loads it', () => {
    const r = traced(['analyze', fixture('valid/orders-platform.yaml'), '--fail-on', 'none']);
    expect(r.code).toBe(0);
    expect(r.loaded).toEqual([]);
  });

  it('ztm validate never loads it', () => {
    const r = traced(['validate', fixture('valid/orders-platform.yaml')]);
    expect(r.code).toBe(0);
    expect(r.loaded).toEqual([]);
  });

  it('the trace does see the SDK when a command loads it (the test can fail)', () => {
    const r = traced(['verify', fixture('valid/orders-platform.yaml'), '--max-attempts', '1', '--timeout', '200'], );
    expect(r.loaded.length).toBeGreaterThan(0);
  });
});
