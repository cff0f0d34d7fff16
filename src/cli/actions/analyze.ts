/** `ztm analyze`: load, analyze, render, gate. Loaded only when the command runs. */
import type { Command } from 'commander';
import { EXIT } from '../exit-codes.js';
import { deliverAll, printDiagnostics } from '../io.js';
import { outputProblem } from '../output-files.js';
import { refuseUsage } from '../usage.js';
import type { CommandContext } from '../main.js';
import { analyze } from '../../analysis/engine.js';
import { gate } from '../../analysis/result.js';
import { InputError } from '../../model/diagnostics.js';
import { loadModel } from '../../model/load.js';
import { loadRules } from '../../rules/load.js';
import { type Format, type RenderContext, render } from '../../report/formats.js';
import { gateLine } from '../../report/gate-line.js';
import { terminalSafe } from '../../report/escape.js';
import { colorWanted, makePalette } from '../../report/palette.js';
import { today } from '../../util/today.js';
import { configEffect, overrideSeverities, selectRules } from '../../config/apply.js';
import { type LoadedConfig, findConfig, loadConfig } from '../../config/load.js';
import { readReport } from '../../report/read-report.js';
import { runLiveChecks } from '../live-checks.js';
import type { VerificationFacts } from '../../analysis/facts.js';
import type { AnalyzeFlags } from '../commands/analyze.js';

export async function runAnalyze(ctx: CommandContext, file: string, cliFlags: AnalyzeFlags, command: Command): Promise<void> {
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
  const files = reportFiles(flags);
  const problem = outputProblem(
    [{ name: 'model', file }, ...(config ? [{ name: 'settings file', file: config.file }] : []), ...(flags.replay !== undefined ? [{ name: 'evidence to replay', file: flags.replay }] : [])],
    [...files.map(({ option, file: f }) => ({ name: option, file: f })), ...(flags.record !== undefined ? [{ name: '--record', file: flags.record }] : [])],
  );
  if (problem) return refuseUsage(ctx, 'analyze', problem);
  // Colour is for a terminal: a report written to a file is plain text.
  const palette = makePalette(flags.format === 'terminal' && !flags.output && colorWanted(process.stdout, flags.color));
  const diagPalette = makePalette(colorWanted(process.stderr, flags.color));
  let result;
  let graph;
  let effect: string | undefined;
  try {
    const loadedRules = loadRules([...(config?.ruleDirectories ?? []), ...flags.rules], { builtIn: flags.builtinRules });
    const looksLive = flags.verify === true || flags.replay !== undefined || flags.record !== undefined;
    const rules = selectRules(loadedRules, config, { live: looksLive });
    const model = loadModel(file);
    graph = model.graph;
    let verification: VerificationFacts | undefined;
    if (looksLive) {
      const outcome = await runLiveChecks(graph, flags, ctx.io);
      if (!outcome.ok) return refuseUsage(ctx, 'analyze', outcome.usage);
      const { evidence: _evidence, ...facts } = outcome.result;
      verification = facts;
    }
    const analyzed = analyze(graph, rules, { today: today(), warnings: model.warnings, ...(verification ? { verification } : {}) });
    effect = configEffect(config, loadedRules.length, rules.length, analyzed);
    result = overrideSeverities(analyzed, config);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    printDiagnostics(ctx.io, err.diagnostics, diagPalette);
    ctx.exitCode = EXIT.badInput;
    return;
  }
  if (effect !== undefined) ctx.io.stderr(`${terminalSafe(effect)}\n`);
  const verdict = gate(result, flags.failOn, baseline);
  const report = (format: Format, colors: RenderContext['palette']) => render(format, { result, verdict, palette: colors, all: flags.all === true, graph });
  const plain = makePalette(false);
  const written = await Promise.all(files.map(async ({ format, file }) => ({ file, text: await report(format, plain) })));
  await deliverAll(ctx.io, written, flags.output ? undefined : await report(flags.format, palette));
  if (flags.format !== 'terminal' || flags.output) ctx.io.stderr(`${gateLine(verdict)}\n`);
  const incomplete = result.verification !== undefined && !result.verification.complete;
  if (incomplete) ctx.io.stderr(`${incompleteLine(result.verification!)}\n`);
  ctx.exitCode = verdict.failed ? EXIT.gateFailed : incomplete && flags.requireVerified ? EXIT.unverified : EXIT.ok;
}

interface ReportFile {
  readonly option: '-o' | '--json' | '--markdown' | '--sarif';
  readonly format: Format;
  readonly file: string;
}

/** The reports the run writes to files: -o's in --format, then those of --json, --markdown and --sarif. */
function reportFiles(flags: AnalyzeFlags): ReportFile[] {
  const files: ReportFile[] = [];
  if (flags.output !== undefined) files.push({ option: '-o', format: flags.format, file: flags.output });
  for (const format of ['json', 'markdown', 'sarif'] as const) {
    const file = flags[format];
    if (file !== undefined) files.push({ option: `--${format}`, format, file });
  }
  return files;
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
