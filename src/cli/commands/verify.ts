import { Option, type Command } from 'commander';
import { type LiveFlags, addLiveOptions } from '../live-options.js';
import type { CommandContext } from '../main.js';
import type { FailOn } from '../../aws/gate.js';
import { SEVERITIES } from '../../analysis/threat.js';
/** `ztm verify`: check a model's declared controls against the AWS account. */

export interface VerifyFlags extends LiveFlags {
  format: 'terminal' | 'json';
  output?: string;
  failOn: FailOn;
  color: boolean;
}

export function registerVerify(program: Command, ctx: CommandContext): void {
  addLiveOptions(program
    .command('verify')
    .description('Check the controls a model declares against the AWS account (read-only IAM and WAFv2 calls).')
    .argument('<file>', 'architecture YAML file')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['terminal', 'json']).default('terminal'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a live finding reaches this severity').choices([...SEVERITIES, 'none']).default('high'))
    .option('--no-color', 'plain terminal output'))
    .addHelpText('after', `
Exit codes: 0 every check verified or unverifiable and no live finding at or above --fail-on;
1 a declared control is contradicted by the account, or a live finding reaches --fail-on;
2 bad model, evidence file or usage; 4 with --require-verified, some check was unverifiable.

Examples:
  ztm verify arch.yaml
  ztm verify arch.yaml --profile audit --region eu-west-1 --record evidence.json
  ztm verify arch.yaml --replay evidence.json --format json
  ztm verify arch.yaml --require-verified --fail-on critical`)
    .action(async (file: string, flags: VerifyFlags) => (await import('../actions/verify.js')).runVerify(ctx, file, flags));
}
