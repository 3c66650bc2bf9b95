// When PostgreSQL's COPY refuses a file (unclosed quote, ragged row, bad encoding), it names neither
// a reliable line nor a column. The file is read again with csv-parse to name both exactly. Lines
// are counted from csv-parse's byte offsets, not its line count: that counts a CRLF inside a quoted
// field as two lines.
import fs from 'node:fs';
import { parse } from 'csv-parse';
import type { CsvBytes } from '../db/connect.js';

export interface Located {
  line: number;
  column: string | null;
  reason: string;
}

/** The first line holding bytes that are not UTF-8 (or a NUL, which PostgreSQL text cannot hold). */
async function findBadEncoding(bytes: CsvBytes): Promise<Located | null> {
  // A newline byte never occurs inside a multi-byte UTF-8 sequence, so each line decodes alone.
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const check = (piece: Buffer, line: number): Located | null => {
    if (piece.includes(0)) return { line, column: null, reason: 'bad encoding: NUL byte' };
    try {
      decoder.decode(piece);
      return null;
    } catch {
      return { line, column: null, reason: 'bad encoding: not UTF-8' };
    }
  };
  let line = 1;
  let carry: Buffer = Buffer.alloc(0);
  for await (const chunk of fs.createReadStream(bytes.path, { start: bytes.start, end: bytes.end - 1 })) {
    const data: Buffer = carry.length > 0 ? Buffer.concat([carry, chunk as Buffer]) : (chunk as Buffer);
    let from = 0;
    for (let nl = data.indexOf(0x0a); nl !== -1; nl = data.indexOf(0x0a, from)) {
      const bad = check(data.subarray(from, nl), line);
      if (bad) return bad;
      line++;
      from = nl + 1;
    }
    carry = Buffer.from(data.subarray(from));
  }
  return carry.length > 0 ? check(carry, line) : null;
}

/** The line holding the byte at `offset` (of the file, within `bytes`): one more than the LFs before it. */
export async function lineAt(bytes: CsvBytes, offset: number): Promise<number> {
  let line = 1;
  if (offset <= bytes.start) return line;
  for await (const chunk of fs.createReadStream(bytes.path, { start: bytes.start, end: Math.min(offset, bytes.end) - 1, highWaterMark: 1 << 20 })) {
    for (let nl = (chunk as Buffer).indexOf(0x0a); nl !== -1; nl = (chunk as Buffer).indexOf(0x0a, nl + 1)) line++;
  }
  return line;
}

export async function locateCsvError(bytes: CsvBytes, header: readonly string[]): Promise<Located | null> {
  const encoding = await findBadEncoding(bytes);
  if (encoding) return encoding;
  // the end of the last good record: the next record starts there
  let recordStart = 0;
  const stream = fs.createReadStream(bytes.path, { start: bytes.start, end: bytes.end - 1 });
  const parser = stream.pipe(parse({
    bom: false,
    skip_empty_lines: false,
    // called for each good record before it is pushed, so before any error after it
    on_record: (_record, info) => {
      recordStart = info.bytes;
      return null;
    },
  }));
  try {
    await new Promise<void>((resolve, reject) => {
      parser.on('error', reject);
      parser.on('end', resolve);
      parser.resume();
    });
  } catch (error) {
    // bytes: where the field at fault starts (the comma before it, or its record's start)
    const e = error as { code?: string; message: string; bytes?: number; column?: number; record?: unknown[] };
    const fieldLine = () => lineAt(bytes, bytes.start + (e.bytes ?? recordStart));
    const fieldName = typeof e.column === 'number' ? (header[e.column] ?? String(e.column + 1)) : null;
    switch (e.code) {
      case 'CSV_QUOTE_NOT_CLOSED':
        return { line: await fieldLine(), column: null, reason: 'unclosed quote: a quoted field opened on this line is never closed' };
      case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH': {
        const fields = Array.isArray(e.record) ? e.record.length : null;
        const column = fields !== null && fields > header.length ? String(header.length + 1) : fields !== null ? String(fields) : null;
        return {
          line: await lineAt(bytes, bytes.start + recordStart),
          column,
          reason: `ragged row: ${fields ?? 'a different number of'} fields where the header has ${header.length}`,
        };
      }
      case 'INVALID_OPENING_QUOTE':
        return { line: await fieldLine(), column: fieldName, reason: 'not CSV: a quote inside an unquoted field (RFC 4180: quote the whole field and double the quote)' };
      case 'CSV_INVALID_CLOSING_QUOTE':
        return { line: await fieldLine(), column: fieldName, reason: 'not CSV: characters after the closing quote of a quoted field' };
      default:
        return { line: await lineAt(bytes, bytes.start + recordStart), column: null, reason: `not CSV: ${e.message}` };
    }
  } finally {
    stream.destroy();
  }
  return null;
}

