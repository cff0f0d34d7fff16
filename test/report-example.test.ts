/** examples/orders-platform-review.md is what ztm renders today; refresh it with `npm run examples`. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runZtm } from './helpers/cli.js';
import { EXAMPLE_FILE, EXAMPLE_MODEL, EXAMPLE_TODAY, exampleText } from '../src/report/artifacts.js';

describe(EXAMPLE_FILE, () => {
  it('is current (run `npm run examples` after changing rules or the Markdown report)', () => {
    expect(readFileSync(join(ROOT, EXAMPLE_FILE), 'utf8')).toBe(exampleText());
  });

  it('is the CLI output for the model, pinned to the same day the tests use', () => {
    const r = runZtm(['analyze', EXAMPLE_MODEL, '--format', 'markdown', '--fail-on', 'none'], { env: { ZTM_TODAY: EXAMPLE_TODAY } });
    expect(r.stdout).toBe(exampleText());
    expect(r.stdout).toContain('```mermaid');
  });
});
