/** The ztm command line: parse flags, call the layers, map the outcome to an exit code. */
import { Command, CommanderError } from 'commander';
import { EXIT, type ExitCode } from './exit-codes.js';
import { type Io, isOutputError, processIo } from './io.js';
import { registerCommands } from './commands/index.js';
import { commanderErrorText } from './usage.js';
import { VERSION } from '../version.js';
import { terminalSafe } from '../report/escape.js';
import { todayOverrideProblem } from '../util/today.js';

export interface CommandContext {
  readonly io: Io;
  /** Set by an action: the process exit code. */
  exitCode: ExitCode;
}

export async function main(argv: readonly string[], io: Io = processIo): Promise<ExitCode> {
  const ctx: CommandContext = { io, exitCode: EXIT.ok };
  // Every command reads today's date (acceptance expiry) or may: a bad override stops them all.
  const badToday = todayOverrideProblem();
  if (badToday) {
    io.stderr(`ztm: error: ${terminalSafe(badToday)}\n`);
    return EXIT.badInput;
  }
  const program = new Command('ztm')
    .description('Zero-trust STRIDE threat modeling for AWS architectures.')
    .version(VERSION, '-V, --version', 'print the version of ztm')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout(s),
      writeErr: (s) => io.stderr(s),
      // Every command's usage errors (their copies of this setting): what the user typed, quoted, stays inert.
      outputError: (s, write) => write(commanderErrorText(s)),
    })
    .addHelpText('after', `
Examples:
  ztm init arch.yaml                 write a starter model
  ztm validate arch.yaml             check a model (exit 0 valid, 2 invalid)
  ztm analyze arch.yaml              list the threats of a model
  ztm analyze arch.yaml --fail-on high --format sarif -o ztm.sarif

Exit codes: 0 ok, 1 gate failed, 2 bad input or usage, 3 internal error, 4 verification incomplete (--require-verified).`);
  registerCommands(program, ctx);
  try {
    await program.parseAsync(argv as string[]);
    return ctx.exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT.ok;
      if (err.code === 'commander.executeSubCommandAsync') return EXIT.ok;
      return EXIT.badInput;
    }
    if (isOutputError(err)) {
      io.stderr(`ztm: ${err.message}\n`);
      return EXIT.badInput;
    }
    throw err;
  }
}
