// The ingest's memory does not grow with the file: a certifications file of ~170 MB (2.5M rows)
// goes through the real command run with a 64 MB V8 heap limit, and every row is loaded.
// Only against a PostgreSQL server (TEST_DATABASE_URL): the embedded PGlite COPY hands the whole
// file to the WASM database in memory, so there the file's size does bound the process's memory.
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { CREDENTIAL_CODES } from '../../src/exports/credentials.js';
import { createEmptyDatabase, serverUrl, tempDir } from '../helpers/database.js';
import { runCli } from '../helpers/cli.js';

const PARTNERS = 1_000;
const ROWS = 2_500_000;
const HEAP_MB = 64;

/** Writes `count` lines made by `line(i)` to `file`, in chunks, waiting on backpressure. */
async function writeLines(file: string, header: string, count: number, line: (i: number) => string): Promise<void> {
  const out = fs.createWriteStream(file);
  const ready = () => new Promise<void>((resolve) => out.once('drain', resolve));
  if (!out.write(`${header}\n`)) await ready();
  const chunk = 10_000;
  for (let i = 0; i < count; i += chunk) {
    let text = '';
    for (let j = i; j < Math.min(count, i + chunk); j++) text += `${line(j)}\n`;
    if (!out.write(text)) await ready();
  }
  await new Promise<void>((resolve, reject) => {
    out.on('error', reject);
    out.end(resolve);
  });
}

const partnerId = (i: number) => `MP${String(i).padStart(6, '0')}`;

function isoDay(dayNumber: number): string {
  return new Date(Date.UTC(2015, 0, 1) + dayNumber * 86_400_000).toISOString().slice(0, 10);
}

const reason = 'needs TEST_DATABASE_URL: on PGlite the embedded COPY reads the whole file into WASM memory';

describe.skipIf(!serverUrl)(`ingest memory stays bounded on a file far larger than the heap limit (${serverUrl ? 'PostgreSQL server' : `skipped: ${reason}`})`, () => {
  let dir: string | undefined;
  let drop: (() => Promise<void>) | undefined;
  afterAll(async () => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    await drop?.();
  });

  it(`loads all ${ROWS.toLocaleString('en-US')} rows of a ~170 MB certifications file with --max-old-space-size=${HEAP_MB}`, async () => {
    dir = tempDir('tier-review-memory-');
    const input = path.join(dir, 'input');
    fs.mkdirSync(input);
    await writeLines(path.join(input, 'partners.csv'),
      'partner_id,partner_name,partner_type,current_tier,renewal_date,alliance_lead_email,partner_manager_email,business_plan_signed_on,ga_product_count,ebr_completed_on,tier_since',
      PARTNERS, (i) => `${partnerId(i)},Memory Partner ${i},consulting,registered,,lead${i}@memory-${i}.example,,,0,,`);
    // every row a distinct key (partner, person, credential, issued_on)
    await writeLines(path.join(input, 'certifications.csv'), 'partner_id,person_email,credential,issued_on,expires_on', ROWS, (i) => {
      const p = i % PARTNERS;
      const issued = i % 1500;
      return `${partnerId(p)},person.${String(i).padStart(8, '0')}@memory-${p}.example,${CREDENTIAL_CODES[i % CREDENTIAL_CODES.length]},${isoDay(issued)},${isoDay(issued + 1095)}`;
    });
    const bytes = fs.statSync(path.join(input, 'certifications.csv')).size;
    expect(bytes).toBeGreaterThan(150 * 1024 * 1024);
    expect(bytes).toBeGreaterThan(HEAP_MB * 2 * 1024 * 1024);

    const database = await createEmptyDatabase();
    drop = database.drop;
    const result = await runCli(['ingest', '--input', input, '--json'], { home: path.join(dir, 'home'), url: database.url }, [`--max-old-space-size=${HEAP_MB}`]);
    // the big file is not needed any more: free the disk before checking
    fs.rmSync(input, { recursive: true, force: true });
    expect(result.stderr).not.toMatch(/heap out of memory/i);
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout) as { files: { dataset: string; status: string; rowsRead: number; rowsLoaded: number; rowsRejected: number }[] };
    const certifications = summary.files.find((f) => f.dataset === 'certifications')!;
    expect(certifications).toMatchObject({ status: 'loaded', rowsRead: ROWS, rowsLoaded: ROWS, rowsRejected: 0 });

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: string }>('select count(*) as n from certifications');
      expect(Number(rows[0]!.n)).toBe(ROWS);
    } finally {
      await client.end();
    }
  }, 900_000);
});
