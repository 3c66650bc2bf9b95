#!/usr/bin/env node
// The package's command; the TypeScript sources are compiled to dist/ by `npm install` (prepare).
import('../dist/src/cli.js').then((cli) => cli.main(process.argv.slice(2)));
