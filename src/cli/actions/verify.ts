/** `ztm verify`: check declared controls against the account. Loaded only when the command runs. */
import { EXIT } from '../exit-codes.js';
import { deliver, printDiagnostics } from '../io.js';
import { liveSeverities, runLiveChecks } from '../live-checks.js';
import { outputProblem } from '../output-files.js';
import { refuseUsage } from '../usage.js';
import type { CommandContext } from '../main.js';
import { InputError } from '../../model/diagnostics.js';
import { loadModel } from '../../model/load.js';
import { inertJson, terminalSafe } from '../../report/escape.js';
import { colorWanted, makePalette, type Palette } from '../../report/palette.js';
import type { VerificationResult } from '../../aws/index.js';
import { type LiveSeverity, type VerifyVerdict, verifyVerdict } from '../../aws/gate.js';
import type { VerifyFlags } from '../commands/verify.js';

export const VERIFY_JSON_VERSION = 1;

export async function runVerify(ctx: CommandContext, file: string, flags: VerifyFlags): Promise<void> {
  const diag = makePalette(colorWanted(process.stderr, flags.color));
  const usage = (message: string): void => refuseUsage(ctx, 'verify', message);
  const problem = outputProblem(
    [{ name: 'model', file }, ...(flags.replay !== undefined ? [{ name: 'evidence to replay', file: flags.replay }] : [])],
    [...(flags.output !== undefined ? [{ name: '-o', file: flags.output }] : []), ...(flags.record !== undefined ? [{ name: '--record', file: flags.record }] : [])],
  );
  if (problem) return usage(problem);
  let graph;
  try {
    ({ graph } = loadModel(file));
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    printDiagnostics(ctx.io, err.diagnostics, diag);
    ctx.exitCode = EXIT.badInput;
    return;
  }
  const outcome = await runLiveChecks(graph, flags, ctx.io);
  if (!outcome.ok) return usage(outcome.usage);
  const result = outcome.result;
  const liveSeverity = liveSeverities(graph, result);
  const verdict = verifyVerdict(result, flags.failOn, flags.requireVerified === true, liveSeverity);
  const exitCode = verdict.outcome === 'failed' ? EXIT.gateFailed : verdict.outcome === 'unverified' ? EXIT.unverified : EXIT.ok;
  // Colour is for a terminal: a report written to a file is plain text.
  const palette = makePalette(flags.format === 'terminal' && !flags.output && colorWanted(process.stdout, flags.color));
  const text = flags.format === 'json'
    ? `${inertJson(JSON.stringify(verifyJson(file, flags.replay ? 'replay' : 'live', result, verdict, exitCode, liveSeverity), null, 2))}\n`
    : terminalReport(result, verdict, palette, liveSeverity);
  await deliver(ctx.io, flags.output, text);
  for (const w of result.warnings) ctx.io.stderr(`${diag.warning('warning')}: ${terminalSafe(w)}\n`);
  if (flags.format !== 'terminal' || flags.output) ctx.io.stderr(`${verdict.line}\n`);
  ctx.exitCode = exitCode;
}

/** The documented `--format json` shape (docs/verify.md). */
export function verifyJson(model: string, mode: 'live' | 'replay', r: VerificationResult, verdict: VerifyVerdict, exitCode: number, liveSeverity: LiveSeverity) {
  const count = (s: string) => r.checks.filter((c) => c.status === s).length;
  return {
    ztmVerify: VERIFY_JSON_VERSION,
    model,
    mode,
    accountId: r.accountId ?? null,
    region: r.region,
    checkedAt: r.checkedAt,
    complete: r.complete,
    summary: { verified: count('verified'), contradicted: count('contradicted'), unverifiable: count('unverifiable'), findings: r.findings.length, notChecked: r.notChecked.length },
    checks: r.checks,
    findings: r.findings.map((f) => ({ ...f, severity: liveSeverity(f) })),
    notChecked: r.notChecked,
    problems: r.problems,
    warnings: r.warnings,
    gate: { outcome: verdict.outcome, exitCode, line: verdict.line },
  };
}

function table(rows: readonly string[][], widths: readonly number[]): string {
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd()).join('\n');
}

function terminalReport(r: VerificationResult, verdict: VerifyVerdict, p: Palette, liveSeverity: LiveSeverity): string {
  const out: string[] = [];
  const safe = (s: unknown) => terminalSafe(typeof s === 'string' ? s : JSON.stringify(s));
  out.push(p.bold(`ztm verify: account ${safe(r.accountId ?? 'unknown')}, ${safe(r.region)}, ${safe(r.checkedAt)}`), '');
  if (r.checks.length) {
    const rows = [['ELEMENT', 'CONTROL', 'STATUS', 'REASON'], ...r.checks.map((c) => [safe(c.element), safe(c.control), c.status, safe(c.reason)])];
    // A reduce, not Math.max(...): an account can have more checks than a spread call takes.
    const widths = [0, 1, 2].map((i) => rows.reduce((w, row) => Math.max(w, row[i]!.length), 0));
    const colour = (s: string) => (s === 'verified' ? p.ok(s) : s === 'contradicted' ? p.error(s) : s === 'unverifiable' ? p.warning(s) : s);
    const lines = table(rows, widths).split('\n');
    out.push(p.bold(lines[0]!));
    for (let i = 1; i < lines.length; i++) out.push(lines[i]!.replace(r.checks[i - 1]!.status, colour(r.checks[i - 1]!.status)));
    out.push('');
  } else out.push('No declared control that ztm verify checks.', '');
  if (r.findings.length) {
    out.push(p.bold('Live findings (true in the account, not said by the model):'));
    for (const f of r.findings) {
      const sev = liveSeverity(f);
      out.push(`  ${p.severity(sev, sev.padEnd(8))} ${safe(f.rule)} on ${safe(f.element)}`);
      for (const e of f.evidence) {
        const values = Array.isArray(e.value) ? e.value : [e.value];
        for (const v of values) out.push(`           ${p.dim(`${safe(e.attribute)}:`)} ${safe(v)}`);
      }
    }
    out.push('');
  }
  if (r.notChecked.length) out.push(p.dim(`Not checked by ztm verify: ${r.notChecked.map((n) => `${n.control} on ${n.element}`).map(safe).join(', ')}`), '');
  if (r.problems.length) {
    out.push(p.warning('Incomplete:'));
    for (const x of r.problems) out.push(`  ${safe(x)}`);
    out.push('');
  }
  const count = (s: string) => r.checks.filter((c) => c.status === s).length;
  out.push(`${count('verified')} verified, ${count('contradicted')} contradicted, ${count('unverifiable')} unverifiable, ${r.findings.length} live finding${r.findings.length === 1 ? '' : 's'}`);
  out.push(verdict.outcome === 'passed' ? p.ok(verdict.line) : p.error(verdict.line));
  return `${out.join('\n')}\n`;
}
