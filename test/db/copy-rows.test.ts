// The rows the job writes for COPY (evaluation points, a day's states) come back exactly as
// written, whatever their text holds.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvField, rowFile } from '../../src/db/copy-rows.js';
import type { Database } from '../../src/db/connect.js';
import { openTestDatabase, tempDir } from '../helpers/database.js';

let handle: { database: Database; close(): Promise<void> };

beforeAll(async () => {
  handle = await openTestDatabase();
  await sql`create table copied (n integer, label text, doc text)`.execute(handle.database.db);
});
afterAll(async () => handle?.close());

describe('row files', () => {
  it('round-trip text with quotes, commas, line breaks, the quote character, empty strings and nulls', async () => {
    const doc = { name: 'Zoë "Z", Inc.\nline two', nested: { tab: '\t', one: '\u0001' }, n: 1.5, none: null };
    const rows: Array<[number, string | null, unknown]> = [
      [1, 'plain', doc],
      [2, 'say "hi", then\r\nleave', 'text, "quoted"'],
      [3, '', null],
      [4, null, ''],
      [5, 'a\u0001b\u0001\u0001', '\\N'],
    ];
    const file = rowFile(tempDir(), 'copied', ['n', 'label', 'doc']);
    for (const row of rows) await file.write(row);
    expect(await file.copyInto(handle.database, 'copied')).toBe(rows.length);
    const back = await sql<{ n: number; label: string | null; doc: string | null }>`select n, label, doc from copied order by n`.execute(handle.database.db);
    expect(back.rows).toEqual(rows.map(([n, label, d]) => ({ n, label, doc: d === null ? null : typeof d === 'string' ? d : JSON.stringify(d) })));
  });

  it('JSON is written unescaped between the quote characters', () => {
    expect(csvField({ a: '"x", y' })).toBe('\u0001{"a":"\\"x\\", y"}\u0001');
    expect(csvField('P001')).toBe('P001');
    expect(csvField('')).toBe('\u0001\u0001');
    expect(csvField(null)).toBe('');
  });
});
