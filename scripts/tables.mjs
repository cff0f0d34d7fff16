/** README's generated tables, rendered from the catalogs in dist/. */
import { readFileSync } from 'node:fs';

const cell = (s) => String(s).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const code = (s) => `\`${s}\``;
const yesNo = (b) => (b ? 'yes' : 'no');

function table(headers, rows) {
  return [
    `| ${headers.join(' | ')} |`,
    `| ${headers.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
}

function tlsDefault(encrypted) {
  if (encrypted === true) return 'encrypted (TLS implied)';
  if (encrypted === 'never') return 'plaintext; `tls: true` is an error';
  return 'plaintext unless `tls: true`';
}

/** @param {(rel: string) => string} dist URL of a module under dist/ */
export async function renderTables(dist) {
  const { COMPONENT_KINDS } = await import(dist('model/catalog/kinds.js'));
  const { CONTROLS } = await import(dist('model/catalog/controls.js'));
  const { AUTH_METHODS } = await import(dist('model/catalog/auth.js'));
  const { PROTOCOLS } = await import(dist('model/catalog/protocols.js'));
  const { BOUNDARY_KINDS } = await import(dist('model/catalog/boundaries.js'));
  const { LIMITS } = await import(dist('model/yaml-source.js'));
  const { MAX_REPORT_BYTES, MAX_REPORT_DEPTH } = await import(dist('report/read-report.js'));
  const { MAX_EVIDENCE_BYTES, MAX_EVIDENCE_DEPTH } = await import(dist('aws/evidence.js'));
  const { EXIT } = await import(dist('cli/exit-codes.js'));
  const { EXPIRY_WARNING_DAYS, MAX_BOUNDARY_DEPTH } = await import(dist('model/references.js'));
  const { MAX_LISTED } = await import(dist('util/zod.js'));

  return {
    commands: await commandsTable(dist),
    kinds: table(['kind', 'STRIDE element', 'AWS service', 'description'],
      Object.entries(COMPONENT_KINDS).map(([id, k]) => [code(id), k.element, k.service, k.description])),
    controls: table(['control', 'service', 'what declaring it claims'],
      Object.entries(CONTROLS).map(([id, c]) => [code(id), c.service, c.description])),
    auth: table(['auth', 'authenticates the sender', 'long-lived secret', 'strong', 'description'],
      Object.entries(AUTH_METHODS).map(([id, a]) => [code(id), yesNo(a.authenticates), yesNo(a.longLived), yesNo(a.strong), a.description])),
    protocols: table(['protocol', 'when `tls` is absent', 'description'],
      Object.entries(PROTOCOLS).map(([id, p]) => [code(id), tlsDefault(p.encrypted), p.description])),
    boundaries: table(['boundary kind', 'untrusted', 'description'],
      Object.entries(BOUNDARY_KINDS).map(([id, b]) => [code(id), yesNo(b.untrusted), b.description])),
    limits: table(['limit', 'value'], [
      ['YAML file size (model, rule file, config)', `${LIMITS.maxBytes / 1048576} MiB`],
      ['JSON report size (`--baseline`, `ztm diff`)', `${MAX_REPORT_BYTES / 1048576} MiB`],
      ['evidence file size (`--replay`)', `${MAX_EVIDENCE_BYTES / 1048576} MiB`],
      ['JSON report nesting depth', MAX_REPORT_DEPTH],
      ['evidence file nesting depth', MAX_EVIDENCE_DEPTH],
      ['YAML aliases (`*ref`)', LIMITS.maxAliases.toLocaleString('en-US')],
      ['nodes after expanding aliases', LIMITS.maxExpandedNodes.toLocaleString('en-US')],
      ['YAML nesting depth', LIMITS.maxDepth],
      ['trust boundaries inside one another', MAX_BOUNDARY_DEPTH],
      ['problems found before ztm stops checking a file', MAX_LISTED.toLocaleString('en-US')],
    ]),
    'exit-codes': table(['code', 'name', 'meaning'],
      exitCodes(EXIT)),
    expiry: `An acceptance that expires within ${EXPIRY_WARNING_DAYS} days gives the warning \`acceptance-expiring\`; once expired it gives \`acceptance-expired\` and the threat counts as open again.`,
  };
}

/** Exit codes with the doc comment each has in src/cli/exit-codes.ts (the one place they are described). */
function exitCodes(EXIT) {
  const source = readFileSync(new URL('../src/cli/exit-codes.ts', import.meta.url), 'utf8');
  const prose = new Map();
  for (const m of source.matchAll(/\/\*\*\s*((?:(?!\*\/)[\s\S])*?)\s*\*\/\s*(\w+):\s*\d+/g)) prose.set(m[2], m[1].replace(/\s*\n\s*\*\s*/g, ' '));
  return Object.entries(EXIT).map(([name, value]) => {
    const meaning = prose.get(name);
    if (!meaning) throw new Error(`src/cli/exit-codes.ts has no doc comment for ${name}`);
    return [value, code(name), meaning];
  });
}

/** One row per subcommand, as the CLI registers it (name, usage, description). */
async function commandsTable(dist) {
  const { Command } = await import('commander');
  const { registerCommands } = await import(dist('cli/commands/index.js'));
  const program = new Command('ztm');
  registerCommands(program, { io: { stdout() {}, stderr() {} }, exitCode: 0 });
  const help = program.createHelp();
  return table(['command', 'what it does'],
    program.commands.map((c) => [code(`ztm ${help.subcommandTerm(c)}`), c.description()]));
}
