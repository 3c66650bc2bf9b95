// Finding an export in the input folder and preparing its bytes for COPY: gunzipped to a temporary
// file (streamed), BOM and trailing blank lines cut off by byte range, hashed, header read, and
// scanned (in the same pass as the hash or the gunzip) for what COPY would accept but change.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { parse } from 'csv-parse';
import type { CsvBytes } from '../db/connect.js';
import { CsvScan, type CsvFault } from './csv-scan.js';
import { lineAt, locateCsvError } from './locate.js';

export class FileError extends Error {
  constructor(readonly file: string, readonly line: number | null, readonly column: string | null, message: string) {
    super(message);
    this.name = 'FileError';
  }
}

export interface ExportFile {
  /** as found in the input folder */
  file: string;
  sha256: string;
  bytes: CsvBytes;
  header: string[];
  /** physical lines the header takes (a quoted header name may hold a newline) */
  headerLines: number;
  cleanup(): void;
}

/** The export's file in `dir`: NAME.csv or NAME.csv.gz (names matched case-insensitively). */
export function findExportFile(dir: string, dataset: string): string | null {
  const wanted = new Set([`${dataset}.csv`, `${dataset}.csv.gz`]);
  const found = fs.readdirSync(dir).filter((name) => wanted.has(name.toLowerCase())).sort();
  if (found.length > 1) {
    throw new FileError(path.join(dir, found[0]!), null, null, `both ${found.join(' and ')} are present; keep one`);
  }
  return found[0] ? path.join(dir, found[0]) : null;
}

/** `scan`: also fed every chunk, in the same pass. */
export async function sha256Of(file: string, scan?: CsvScan): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer);
    scan?.update(chunk as Buffer);
  }
  return hash.digest('hex');
}

function readRange(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  const read = fs.readSync(fd, buffer, 0, length, position);
  return buffer.subarray(0, read);
}

/** The byte range without a leading UTF-8 BOM and without trailing CR/LF runs. */
function contentRange(file: string): { start: number; end: number } {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const head = readRange(fd, 0, 3);
    const start = head.length === 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
    let end = size;
    while (end > start) {
      const chunkStart = Math.max(start, end - 65536);
      const tail = readRange(fd, chunkStart, end - chunkStart);
      let i = tail.length;
      while (i > 0 && (tail[i - 1] === 0x0a || tail[i - 1] === 0x0d)) i--;
      end = chunkStart + i;
      if (i > 0) break;
    }
    return { start, end };
  } finally {
    fs.closeSync(fd);
  }
}

/** The first record, read with csv-parse; its names trimmed and lower-cased. */
async function readHeader(file: string, range: { start: number; end: number }): Promise<{ header: string[]; lines: number }> {
  if (range.end <= range.start) return { header: [], lines: 0 };
  const stream = fs.createReadStream(file, { start: range.start, end: range.end - 1 });
  const parser = stream.pipe(parse({ to: 1, info: true, relax_column_count: true, bom: false }));
  try {
    for await (const { record } of parser as AsyncIterable<{ record: string[] }>) {
      // newlines in the header are inside quoted names (csv-parse's own line count takes CRLF for two)
      const lines = 1 + record.reduce((n, name) => n + name.split('\n').length - 1, 0);
      return { header: record.map((name) => name.trim().toLowerCase()), lines };
    }
  } catch (error) {
    // bytes: where the field at fault starts
    const e = error as { message: string; bytes?: number };
    const line = await lineAt({ path: file, ...range }, range.start + (e.bytes ?? 0));
    throw new FileError(file, line, null, `unreadable header: ${e.message}`);
  } finally {
    stream.destroy();
  }
  return { header: [], lines: 0 };
}

export async function prepareExportFile(file: string, tmpDir: string): Promise<ExportFile> {
  let plain = file;
  let cleanup = () => {};
  try {
    fs.accessSync(file, fs.constants.R_OK);
  } catch (error) {
    throw new FileError(file, null, null, `unreadable: ${(error as Error).message}`);
  }
  if (fs.statSync(file).isDirectory()) throw new FileError(file, null, null, 'unreadable: a folder, not a file');
  const gzip = file.toLowerCase().endsWith('.gz');
  // the plain bytes are scanned: the file's own, or the gunzipped ones as they are written
  const scan = new CsvScan();
  const sha256 = await sha256Of(file, gzip ? undefined : scan);
  if (gzip) {
    fs.mkdirSync(tmpDir, { recursive: true });
    plain = path.join(tmpDir, `${path.basename(file, '.gz')}.${process.pid}.${Date.now()}`);
    cleanup = () => fs.rmSync(plain, { force: true });
    try {
      const scanned = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          scan.update(chunk);
          done(null, chunk);
        },
      });
      await pipeline(fs.createReadStream(file), zlib.createGunzip(), scanned, fs.createWriteStream(plain));
    } catch (error) {
      cleanup();
      throw new FileError(file, null, null, `unreadable: not a valid gzip file (${(error as Error).message})`);
    }
  }
  try {
    const range = contentRange(plain);
    const { header, lines } = await readHeader(plain, range);
    if (header.length === 0 || (header.length === 1 && header[0] === '')) {
      throw new FileError(file, null, null, 'empty file: no header row');
    }
    const bytes = { path: plain, ...range };
    const fault = scan.finish();
    if (fault) throw await faultError(file, bytes, header, fault);
    return { file, sha256, bytes, header, headerLines: lines, cleanup };
  } catch (error) {
    cleanup();
    throw error;
  }
}

/** The file error naming a fault the scan found. */
async function faultError(file: string, bytes: CsvBytes, header: string[], fault: CsvFault): Promise<FileError> {
  if (fault.kind === 'end-marker') {
    return new FileError(file, await lineAt(bytes, fault.offset), null, 'not CSV: a line holding only \\. (the end-of-data marker of PostgreSQL\'s COPY); quote it ("\\.") if it is a value');
  }
  // csv-parse (strict) finds the same quote, or an earlier fault, and names the field
  const located = await locateCsvError(bytes, header);
  if (located) return new FileError(file, located.line, located.column, located.reason);
  return new FileError(file, await lineAt(bytes, fault.offset), null, 'not CSV: a quote out of place (RFC 4180 allows quotes only around a whole field)');
}
