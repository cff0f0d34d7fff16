import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { PACKAGE_ROOT } from '../../package-root.js';
import { terminalSafe } from '../../report/escape.js';
import { refuseUsage } from '../usage.js';
import type { CommandContext } from '../main.js';

const STARTER = join(PACKAGE_ROOT, 'templates', 'starter.yaml');

export function registerInit(program: Command, ctx: CommandContext): void {
  program
    .command('init')
    .description('Write a commented starter model that validates. Never overwrites a file.')
    .argument('[file]', 'where to write it', 'arch.yaml')
    .addHelpText('after', `
Examples:
  ztm init                    writes arch.yaml
  ztm init models/shop.yaml`)
    .action((file: string) => {
      try {
        writeFileSync(file, readFileSync(STARTER, 'utf8'), { flag: 'wx' });
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        const why = code === 'EEXIST' ? 'it already exists; ztm init never overwrites a file (choose another name)' : code === 'ENOENT' ? 'its directory does not exist' : `it cannot be written (${code ?? 'unknown error'})`;
        return refuseUsage(ctx, 'init', `not writing ${file}: ${why}`);
      }
      const safe = terminalSafe(file);
      ctx.io.stdout(`wrote ${safe}; next: ztm validate ${safe} && ztm analyze ${safe}\n`);
    });
}
