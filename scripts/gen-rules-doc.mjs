#!/usr/bin/env node
/**
 * Renders the generated parts of rules/README.md from the build in dist/: the
 * attribute table per scope (dist/rules/attributes.js) and the built-in catalog
 * list (rules/*.yaml through dist/rules/load.js). Each part sits between
 * `<!-- generated:NAME -->` and `<!-- /generated:NAME -->`.
 *   node scripts/gen-rules-doc.mjs          rewrite rules/README.md
 *   node scripts/gen-rules-doc.mjs --check  exit 1 when it is out of date
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const RULES_README = fileURLToPath(new URL('../rules/README.md', import.meta.url));

const cell = (s) => String(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');

function table(rows, prefix = '') {
  return ['| attribute | type | meaning |', '|---|---|---|', ...Object.entries(rows).map(([k, v]) => `| \`${prefix}${k}\` | ${v.type} | ${cell(v.description)} |`)].join('\n');
}

export async function attributesSection() {
  const a = await import('../dist/rules/attributes.js');
  return [
    '### Component rules (`applies_to: component`)',
    '',
    table(a.COMPONENT_ATTRIBUTES),
    '',
    '### Flow rules (`applies_to: flow`)',
    '',
    'Flow rules also read every component attribute of either end as `from.<attribute>` and `to.<attribute>` (e.g. `to.traits`, `from.human`).',
    '',
    table(a.FLOW_ATTRIBUTES),
    '',
    '### Account rules (`applies_to: account`)',
    '',
    'Every other scope reads these as `account.<attribute>` (e.g. `account.cloudtrail_data_events`).',
    '',
    table(a.ACCOUNT_ATTRIBUTES),
    '',
    '### Boundary rules (`applies_to: boundary`)',
    '',
    table(a.BOUNDARY_ATTRIBUTES),
  ].join('\n');
}

export async function catalogSection() {
  const { loadRules } = await import('../dist/rules/load.js');
  const order = ['spoofing', 'tampering', 'repudiation', 'information-disclosure', 'denial-of-service', 'elevation-of-privilege'];
  const rules = loadRules()
    .filter((r) => r.builtIn)
    .sort((x, y) => order.indexOf(x.def.category) - order.indexOf(y.def.category) || (x.def.id < y.def.id ? -1 : 1));
  const rows = rules.map(({ def }) => {
    const scope = def.applies_to === 'component' && def.element_types ? `component (${def.element_types.join(', ')})` : def.applies_to;
    const closes = def.mitigated_by ? [...def.mitigated_by.all_of, ...def.mitigated_by.any_of].join(', ') : '';
    return `| \`${def.id}\` | ${def.category} | ${cell(def.title)} | ${scope}${def.trigger === 'live' ? ', live' : ''} | ${closes} |`;
  });
  return [`${rules.length} built-in rules.`, '', '| id | category | title | applies to | mitigated by |', '|---|---|---|---|---|', ...rows].join('\n');
}

function replaceSection(text, name, body) {
  const open = `<!-- generated:${name} -->`;
  const close = `<!-- /generated:${name} -->`;
  const start = text.indexOf(open);
  const end = text.indexOf(close);
  if (start < 0 || end < start) throw new Error(`rules/README.md lacks the ${open} ... ${close} markers`);
  return `${text.slice(0, start + open.length)}\n${body}\n${text.slice(end)}`;
}

/** The README as it should be, given its current hand-written parts. */
export async function renderRulesReadme(current) {
  let text = replaceSection(current, 'attributes', await attributesSection());
  text = replaceSection(text, 'catalog', await catalogSection());
  return text;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const current = readFileSync(RULES_README, 'utf8');
  const wanted = await renderRulesReadme(current);
  if (process.argv.includes('--check')) {
    if (wanted !== current) {
      console.error('rules/README.md is out of date: run npm run build && node scripts/gen-rules-doc.mjs');
      process.exit(1);
    }
    console.log('rules/README.md is current');
  } else if (wanted !== current) {
    writeFileSync(RULES_README, wanted);
    console.log('wrote rules/README.md');
  } else console.log('unchanged rules/README.md');
}
