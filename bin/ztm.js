#!/usr/bin/env node
import { main } from '../dist/cli/main.js';

main(process.argv).then(
  (code) => { process.exitCode = code; },
  (err) => {
    // Last line of defence: never a stack trace for the user.
    process.stderr.write(`ztm: internal error: ${err && err.message ? err.message : String(err)}\n`);
    process.exitCode = 3;
  },
);
