/** rules/README.md's attribute table and catalog list are generated: they must be current. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ESM script without type declarations
import { RULES_README, attributesSection, renderRulesReadme } from '../scripts/gen-rules-doc.mjs';
import { ACCOUNT_ATTRIBUTES, BOUNDARY_ATTRIBUTES, COMPONENT_ATTRIBUTES, FLOW_ATTRIBUTES } from '../dist/rules/attributes.js';

describe('rules/README.md', () => {
  const current = readFileSync(RULES_README, 'utf8');

  it('is current (run: npm run build && node scripts/gen-rules-doc.mjs)', async () => {
    expect(await renderRulesReadme(current)).toBe(current);
  });

  it('documents every attribute of every scope', async () => {
    const section: string = await attributesSection();
    for (const table of [COMPONENT_ATTRIBUTES, FLOW_ATTRIBUTES, ACCOUNT_ATTRIBUTES, BOUNDARY_ATTRIBUTES]) {
      for (const name of Object.keys(table)) expect(section, name).toContain(`| \`${name}\` |`);
    }
  });

  it('lists every built-in model rule', () => {
    for (const file of ['spoofing', 'tampering', 'repudiation', 'information-disclosure', 'denial-of-service', 'elevation-of-privilege']) {
      const ids = [...readFileSync(new URL(`../rules/${file}.yaml`, import.meta.url), 'utf8').matchAll(/^ {2}- id: (\S+)/gm)].map((m) => m[1]);
      expect(ids.length, file).toBeGreaterThan(0);
      for (const id of ids) expect(current, id).toContain(`| \`${id}\` |`);
    }
  });
});
