// Creating the home's folders. Node's recursive mkdirSync never returns where a parent exists but
// refuses new entries with ENOENT (as /proc does), so the missing levels are made one at a time.
import fs from 'node:fs';
import path from 'node:path';

export function ensureDirectory(dir: string): void {
  const missing: string[] = [];
  for (let d = path.resolve(dir); !fs.existsSync(d); d = path.dirname(d)) {
    missing.unshift(d);
    if (path.dirname(d) === d) break;
  }
  for (const d of missing) {
    try {
      fs.mkdirSync(d);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}
