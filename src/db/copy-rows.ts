// Bulk-writing rows the job computed (evaluation points, a day's results): written as CSV to a
// temporary file, streamed, then loaded with COPY. Far cheaper than giant array parameters, and
// memory stays bounded whatever the number of rows.
import fs from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import type { Database } from './connect.js';

// The files quote with U+0001 instead of '"': JSON text (full of '"') then needs no doubling, and
// JSON.stringify escapes every control character, so the quote never occurs inside it.
const QUOTE = '\u0001';
const NEEDS_QUOTES = /[\u0001,\r\n]/;

export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return QUOTE + JSON.stringify(value) + QUOTE;
  const text = String(value);
  return text === '' || NEEDS_QUOTES.test(text) ? QUOTE + text.replaceAll(QUOTE, QUOTE + QUOTE) + QUOTE : text;
}

export class RowFile {
  private readonly stream: fs.WriteStream;
  private readonly header: string;
  rows = 0;

  constructor(readonly file: string, readonly columns: readonly string[]) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    this.stream = fs.createWriteStream(file);
    this.header = columns.join(',') + '\n';
    this.stream.write(this.header);
  }

  /** Appends a row; waits when the file stream asks for it. */
  async write(values: readonly unknown[]): Promise<void> {
    this.rows++;
    if (!this.stream.write(values.map(csvField).join(',') + '\n')) await once(this.stream, 'drain');
  }

  /** Closes the file and COPYs it into `table`; the file is removed afterwards. */
  async copyInto(database: Database, table: string): Promise<number> {
    this.stream.end();
    await once(this.stream, 'close');
    try {
      if (this.rows === 0) return 0;
      const size = fs.statSync(this.file).size;
      return await database.copyCsv(table, this.columns, { path: this.file, start: 0, end: size }, QUOTE);
    } finally {
      fs.rmSync(this.file, { force: true });
    }
  }

  discard(): void {
    this.stream.destroy();
    fs.rmSync(this.file, { force: true });
  }
}

let sequence = 0;
export function rowFile(tmpDir: string, name: string, columns: readonly string[]): RowFile {
  return new RowFile(path.join(tmpDir, `${name}.${process.pid}.${++sequence}.csv`), columns);
}
