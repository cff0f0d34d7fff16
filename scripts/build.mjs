/**
 * The second half of `npm run build` (after tsc): precompile the built-in rule
 * catalog to dist/rules-catalog.json, and bundle the CLI into dist/bundle/ with
 * esbuild so a cold `ztm` start reads a few files instead of hundreds. The AWS
 * SDK stays external and is loaded only when verification runs.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const { catalogCacheContent, CATALOG_CACHE } = await import(`${root}dist/rules/load.js`);
writeFileSync(CATALOG_CACHE, catalogCacheContent());

rmSync(`${root}dist/bundle`, { recursive: true, force: true });
await build({
  entryPoints: { main: `${root}dist/cli/main.js` },
  outdir: `${root}dist/bundle`,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['@aws-sdk/*'],
  // CommonJS dependencies bundled into ESM need require, __filename and __dirname of their own.
  banner: {
    js: [
      "import { createRequire as __ztmCreateRequire } from 'node:module';",
      "import { fileURLToPath as __ztmFileURLToPath } from 'node:url';",
      "import { dirname as __ztmDirname } from 'node:path';",
      'const require = __ztmCreateRequire(import.meta.url);',
      'const __filename = __ztmFileURLToPath(import.meta.url);',
      'const __dirname = __ztmDirname(__filename);',
    ].join(' '),
  },
  logLevel: 'warning',
  legalComments: 'none',
});
