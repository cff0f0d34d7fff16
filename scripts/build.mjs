/**
 * The second half of `npm run build` (after tsc): precompile the built-in rule
 * catalog to dist/rules-catalog.json, and bundle the CLI with esbuild so a cold
 * `ztm` start reads two files instead of hundreds: dist/bundle/main.js (the
 * command line) and dist/bundle/actions/<command>.js (what the command does).
 */
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const { catalogCacheContent, CATALOG_CACHE } = await import(`${root}dist/rules/load.js`);
writeFileSync(CATALOG_CACHE, catalogCacheContent());

rmSync(`${root}dist/bundle`, { recursive: true, force: true });

// CommonJS dependencies bundled into ESM need require, __filename and __dirname of their own.
const banner = {
  js: [
    "import { createRequire as __ztmCreateRequire } from 'node:module';",
    "import { fileURLToPath as __ztmFileURLToPath } from 'node:url';",
    "import { dirname as __ztmDirname } from 'node:path';",
    'const require = __ztmCreateRequire(import.meta.url);',
    'const __filename = __ztmFileURLToPath(import.meta.url);',
    'const __dirname = __ztmDirname(__filename);',
  ].join(' '),
};
const common = { bundle: true, format: 'esm', platform: 'node', target: 'node20', banner, logLevel: 'warning', legalComments: 'none' };

// Each command's work is one self-contained file, loaded when the command runs: a cold start reads
// two files (the command line and one action), and `ztm --help` only the first.
const actions = readdirSync(`${root}dist/cli/actions`).filter((f) => f.endsWith('.js'));
await build({
  ...common,
  entryPoints: Object.fromEntries(actions.map((f) => [f.replace(/\.js$/, ''), `${root}dist/cli/actions/${f}`])),
  outdir: `${root}dist/bundle/actions`,
  // The AWS SDK stays a package of its own, imported only when verification runs.
  external: ['@aws-sdk/*'],
});
await build({
  ...common,
  entryPoints: { main: `${root}dist/cli/main.js` },
  outdir: `${root}dist/bundle`,
  plugins: [
    {
      name: 'actions-apart',
      setup(b) {
        b.onResolve({ filter: /^\.\.\/actions\// }, (args) => ({ path: `./actions/${args.path.slice('../actions/'.length)}`, external: true }));
      },
    },
  ],
});
