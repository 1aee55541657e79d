#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ by `npm run build`.
import('../dist/electron/cli/main.js').catch((error) => {
  process.stderr.write(
    `airlock: cannot load the compiled CLI (${error && error.message}).\nRun \`npm run build\` in the Airlock folder first.\n`,
  );
  process.exit(1);
});
