import type { Command } from 'commander';
import type { CommandContext } from '../main.js';
import { registerValidate } from './validate.js';
import { registerSchema } from './schema.js';
import { registerInit } from './init.js';
import { registerAnalyze } from './analyze.js';
import { registerDiff } from './diff.js';
import { registerVerify } from './verify.js';

/** Every subcommand, in the order `ztm --help` lists them. */
export function registerCommands(program: Command, ctx: CommandContext): void {
  registerInit(program, ctx);
  registerValidate(program, ctx);
  registerAnalyze(program, ctx);
  registerDiff(program, ctx);
  registerVerify(program, ctx);
  registerSchema(program, ctx);
}
