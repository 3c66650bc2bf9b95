#!/usr/bin/env -S node --max-old-space-size=256
// The package's command; the TypeScript sources are compiled to dist/ by `npm install` (prepare).
// The heap cap: V8 lets its heap grow to several times what the job keeps live before it collects;
// 256 MB of old space keeps the process under 300 MB at APN scale (docs/benchmarks.md). To give
// it more, run `node --max-old-space-size=N bin/tier-review.js …`.
import('../dist/src/cli.js').then((cli) => cli.main(process.argv.slice(2)));
