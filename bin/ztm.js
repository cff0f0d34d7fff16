#!/usr/bin/env node
import { main } from '../dist/bundle/main.js';

// A reader that stops early (`ztm analyze arch.yaml | head`) is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err && err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    // Last line of defence: never a stack trace for the user.
    process.stderr.write(`ztm: internal error: ${err && err.message ? err.message : String(err)}\n`);
    process.exitCode = 3;
  },
);
