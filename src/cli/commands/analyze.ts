import { Command, Option } from 'commander';
import type { CommandContext } from '../main.js';
import { type FailOn, DEFAULT_FAIL_ON } from '../../analysis/result.js';
import { SEVERITIES } from '../../analysis/threat.js';
import { FORMATS, type Format } from '../../report/formats.js';
import { type LiveFlags, addLiveOptions } from '../live-options.js';

export interface AnalyzeFlags extends LiveFlags {
  verify?: boolean;
  format: Format;
  output?: string;
  /** Further reports of the same run, each to its own file. */
  json?: string;
  markdown?: string;
  sarif?: string;
  failOn: FailOn;
  rules: string[];
  builtinRules: boolean;
  color: boolean;
  all?: boolean;
  baseline?: string;
  config?: string;
}

export function registerAnalyze(program: Command, ctx: CommandContext): void {
  addLiveOptions(program
    .command('analyze')
    .description('Find the STRIDE threats of a model, map them to AWS controls, and gate on open ones.')
    .argument('<file>', 'architecture YAML file')
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('terminal'))
    .option('-o, --output <file>', 'write the report to a file (atomically) instead of stdout')
    .option('--json <file>', 'also write the JSON report of this run to a file')
    .option('--markdown <file>', 'also write the design review (Markdown) of this run to a file')
    .option('--sarif <file>', 'also write the SARIF log of this run to a file')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when an open threat reaches this severity').choices([...SEVERITIES, 'none']).default(DEFAULT_FAIL_ON))
    .option('-r, --rules <path>', 'extra rule file or directory (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--no-builtin-rules', 'use only the rules given with --rules')
    .option('-a, --all', 'terminal: list mitigated and accepted threats too')
    .option('--no-color', 'plain terminal output')
    .option('-b, --baseline <report.json>', 'gate only on threats not in this earlier `--format json` report (by stable id)')
    .option('-c, --config <file>', `settings file (default: ${'ztm.config.yaml'} next to the model, else in the working directory)`)
    .option('--verify', 'check declared controls against the AWS account first (read-only; see ztm verify)'))
    .addHelpText('after', `
--json, --markdown and --sarif add reports of the same analysis, besides the one --format
gives (to stdout, or to -o): one run, one result, every file written in full or none of them.

Exit codes: 0 no open threat at or above --fail-on (default ${DEFAULT_FAIL_ON}); 1 some are, or (with --verify)
a declared control is contradicted by the account (the last line says how many and which); 2 bad model,
bad rules or bad usage; 4 with --require-verified, the live verification was incomplete.

Examples:
  ztm analyze arch.yaml
  ztm analyze arch.yaml --fail-on critical
  ztm analyze arch.yaml --format json -o threats.json
  ztm analyze arch.yaml --rules ./team-rules --format markdown -o REVIEW.md
  ztm analyze arch.yaml --baseline main-report.json --format sarif -o ztm.sarif
  ztm analyze arch.yaml --json threats.json --sarif ztm.sarif --markdown REVIEW.md
  ztm analyze arch.yaml --verify --profile audit --require-verified
  ztm analyze arch.yaml --replay evidence.json --format markdown -o REVIEW.md`)
    .action(async (file: string, cliFlags: AnalyzeFlags, command: Command) => (await import('../actions/analyze.js')).runAnalyze(ctx, file, cliFlags, command));
}
