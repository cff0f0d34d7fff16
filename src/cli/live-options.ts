/** The live-verification flags shared by `ztm verify` and `ztm analyze --verify`: declared here, with nothing else loaded. */
import type { Command } from 'commander';

export interface LiveFlags {
  profile?: string;
  region?: string;
  record?: string;
  replay?: string;
  requireVerified?: boolean;
  maxAttempts?: string;
  timeout?: string;
}

export function addLiveOptions(command: Command): Command {
  return command
    .option('--profile <name>', 'AWS profile from the shared config files (default: the standard credential chain)')
    .option('--region <region>', "AWS Region of the run (default: AWS_REGION, the model's first Region, us-east-1)")
    .option('--record <file>', 'save every AWS answer the checks used (masked) to an evidence file')
    .option('--replay <file>', 'rerun the checks offline from an evidence file')
    .option('--require-verified', 'exit 4 when some check could not be completed')
    .option('--max-attempts <n>', "attempts per AWS call, including retries (default: the SDK's, 3)")
    .option('--timeout <ms>', 'milliseconds to wait for each AWS answer (default 15000)');
}
