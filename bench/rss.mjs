/**
 * Runs the ztm CLI as `bin/ztm.js` would, and on exit writes the process's
 * peak RSS (MiB) to the file named first: `node bench/rss.mjs OUT analyze ...`.
 * Lets bench/run.mjs measure the memory of a real `ztm analyze` process
 * without depending on /usr/bin/time.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const [out, ...args] = process.argv.slice(2);
process.on('exit', () => writeFileSync(out, String(process.resourceUsage().maxRSS / 1024)));
process.argv = [process.argv[0], fileURLToPath(new URL('../bin/ztm.js', import.meta.url)), ...args];
await import('../bin/ztm.js');
