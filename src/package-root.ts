/**
 * The installed package's root (where package.json, rules/ and templates/ are),
 * found from this module's location: the same from dist/ and from the bundle.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(): { root: string; version: string } {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'ztm') return { root: dir, version: pkg.version ?? '0.0.0' };
    }
    dir = dirname(dir);
  }
  throw new Error('ztm cannot find its own package.json');
}

const found = findRoot();
export const PACKAGE_ROOT: string = found.root;
export const PACKAGE_VERSION: string = found.version;
