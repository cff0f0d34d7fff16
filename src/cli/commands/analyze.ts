import { Command, Option } from 'commander';
import { EXIT } from '../exit-codes.js';
import { printDiagnostics, writeOutput } from '../io.js';
import type { CommandContext } from '../main.js';
import { analyze } from '../../analysis/engine.js';
import { type FailOn, DEFAULT_FAIL_ON, gate } from '../../analysis/result.js';
import { SEVERITIES } from '../../analysis/threat.js';
import { InputError } from '../../model/diagnostics.js';
import { loadModel } from '../../model/load.js';
import { loadRules } from '../../rules/load.js';
import { FORMATS, type Format, render } from '../../report/formats.js';
import { gateLine } from '../../report/gate-line.js';
import { colorWanted, makePalette } from '../../report/palette.js';
import { today } from '../../util/today.js';
import { overrideSeverities, selectRules } from '../../config/apply.js';
import { type LoadedConfig, findConfig, loadConfig } from '../../config/load.js';
import { readReport } from '../../report/read-report.js';
import { type LiveFlags, addLiveOptions, runLiveChecks } from '../live-checks.js';
import type { VerificationFacts } from '../../analysis/facts.js';

export interface AnalyzeFlags extends LiveFlags {
  verify?: boolean;
  format: Format;
  output?: string;
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
    .addOption(new Option('--fail-on <severity>', 'exit 1 when an open threat reaches this severity').choices([...SEVERITIES, 'none']).default(DEFAULT_FAIL_ON))
    .option('-r, --rules <path>', 'extra rule file or directory (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--no-builtin-rules', 'use only the rules given with --rules')
    .option('-a, --all', 'terminal: list mitigated and accepted threats too')
    .option('--no-color', 'plain terminal output')
    .option('-b, --baseline <report.json>', 'gate only on threats not in this earlier `--format json` report (by stable id)')
    .option('-c, --config <file>', `settings file (default: ${'ztm.config.yaml'} next to the model, else in the working directory)`)
    .option('--verify', 'check declared controls against the AWS account first (read-only; see ztm verify)'))
    .addHelpText('after', `
Exit codes: 0 no open threat at or above --fail-on (default ${DEFAULT_FAIL_ON}); 1 some are, or (with --verify)
a declared control is contradicted by the account (the last line says how many and which); 2 bad model,
bad rules or bad usage; 4 with --require-verified, the live verification was incomplete.

Examples:
  ztm analyze arch.yaml
  ztm analyze arch.yaml --fail-on critical
  ztm analyze arch.yaml --format json -o threats.json
  ztm analyze arch.yaml --rules ./team-rules --format markdown -o REVIEW.md
  ztm analyze arch.yaml --baseline main-report.json --format sarif -o ztm.sarif
  ztm analyze arch.yaml --verify --profile audit --require-verified
  ztm analyze arch.yaml --replay evidence.json --format markdown -o REVIEW.md`)
    .action(async (file: string, cliFlags: AnalyzeFlags, command: Command) => {
      let config: LoadedConfig | undefined;
      let baseline: ReadonlySet<string> | undefined;
      try {
        const configFile = cliFlags.config ?? findConfig(file);
        config = configFile !== undefined ? loadConfig(configFile) : undefined;
        if (cliFlags.baseline !== undefined) baseline = new Set(readReport(cliFlags.baseline, 'baseline').threats.map((t) => t.id));
      } catch (err) {
        if (!(err instanceof InputError)) throw err;
        printDiagnostics(ctx.io, err.diagnostics, makePalette(colorWanted(process.stderr, cliFlags.color)));
        ctx.exitCode = EXIT.badInput;
        return;
      }
      const flags = withConfigDefaults(cliFlags, command, config);
      const palette = makePalette(colorWanted(flags.output ? process.stderr : process.stdout, flags.color) && flags.format === 'terminal');
      const diagPalette = makePalette(colorWanted(process.stderr, flags.color));
      let result;
      let graph;
      try {
        const rules = selectRules(loadRules([...(config?.ruleDirectories ?? []), ...flags.rules], { builtIn: flags.builtinRules }), config);
        const model = loadModel(file);
        graph = model.graph;
        let verification: VerificationFacts | undefined;
        if (flags.verify || flags.replay !== undefined || flags.record !== undefined) {
          const outcome = await runLiveChecks(graph, flags, ctx.io);
          if (!outcome.ok) {
            ctx.io.stderr(`ztm analyze: ${outcome.usage}\n`);
            ctx.exitCode = EXIT.badInput;
            return;
          }
          const { evidence: _evidence, ...facts } = outcome.result;
          verification = facts;
        }
        result = overrideSeverities(analyze(graph, rules, { today: today(), warnings: model.warnings, ...(verification ? { verification } : {}) }), config);
      } catch (err) {
        if (!(err instanceof InputError)) throw err;
        printDiagnostics(ctx.io, err.diagnostics, diagPalette);
        ctx.exitCode = EXIT.badInput;
        return;
      }
      const verdict = gate(result, flags.failOn, baseline);
      const text = await render(flags.format, { result, verdict, palette, all: flags.all === true, graph });
      if (flags.output) {
        await writeOutput(flags.output, text);
        ctx.io.stderr(`wrote ${flags.output}\n`);
      } else ctx.io.stdout(text);
      if (flags.format !== 'terminal' || flags.output) ctx.io.stderr(`${gateLine(verdict)}\n`);
      const incomplete = result.verification !== undefined && !result.verification.complete;
      if (incomplete) ctx.io.stderr(`${incompleteLine(result.verification!)}\n`);
      ctx.exitCode = verdict.failed ? EXIT.gateFailed : incomplete && flags.requireVerified ? EXIT.unverified : EXIT.ok;
    });
}

/** Config values fill in the flags the user did not give: the command line wins. */
function withConfigDefaults(flags: AnalyzeFlags, command: Command, config: LoadedConfig | undefined): AnalyzeFlags {
  if (!config) return flags;
  const given = (name: string) => command.getOptionValueSource(name) === 'cli';
  return {
    ...flags,
    ...(config.config.fail_on !== undefined && !given('failOn') ? { failOn: config.config.fail_on } : {}),
    ...(config.config.format !== undefined && !given('format') ? { format: config.config.format } : {}),
  };
}

/** Why live verification is incomplete, in one line. */
export function incompleteLine(v: VerificationFacts): string {
  const unverifiable = v.checks.filter((c) => c.status === 'unverifiable').map((c) => `${c.control} on ${c.element} (${c.reason})`);
  return `verification incomplete: ${[...(v.problems ?? []), ...unverifiable].join('; ')}`;
}
