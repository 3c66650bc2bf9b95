// A temporary file that a streamed report appends text to while partners arrive and copies out (or
// reads back line by line) once the parts before it are known. Writes wait for 'drain', so a spool
// never holds more than the stream's buffer in memory.
import fs from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import readline from 'node:readline';
import type { Writable } from 'node:stream';

/** Write `data`, waiting for 'drain' when the stream's buffer is full. */
async function write(out: Writable, data: string | Buffer): Promise<void> {
  if (data.length > 0 && !out.write(data)) await once(out, 'drain');
}

/** Roughly how much text is collected before one write: few writes, and no page's text in memory. */
const CHUNK = 64 * 1024;

/** Text written in chunks of about CHUNK characters; `flush` writes what is left. */
export class ChunkedWriter {
  private text = '';

  constructor(readonly out: Writable) {}

  async write(text: string): Promise<void> {
    this.text += text;
    if (this.text.length >= CHUNK) await this.flush();
  }

  async flush(): Promise<void> {
    const text = this.text;
    this.text = '';
    await write(this.out, text);
  }
}

let spools = 0;

export class Spool {
  readonly path: string;
  private readonly out: fs.WriteStream;
  private readonly writer: ChunkedWriter;
  /** Items appended with `item`, so the next one gets the separator. */
  items = 0;

  constructor(tmpDir: string, name: string) {
    fs.mkdirSync(tmpDir, { recursive: true });
    this.path = path.join(tmpDir, `report.${process.pid}.${Date.now()}.${spools++}.${name}.spool`);
    this.out = fs.createWriteStream(this.path);
    this.writer = new ChunkedWriter(this.out);
  }

  write(text: string): Promise<void> {
    return this.writer.write(text);
  }

  /** The text of one more list item, `separator` before all but the first. */
  item(text: string, separator: string): string {
    return `${this.items++ === 0 ? '' : separator}${text}`;
  }

  async close(): Promise<void> {
    await this.writer.flush();
    this.out.end();
    await once(this.out, 'close');
  }

  /**
   * Copies the (closed) spool to `out` (flushed first), leaving `out` open. (Not `pipeline` with
   * `end: false`: that leaves its listeners on `out`, one set per spool copied.)
   */
  async copyTo(out: ChunkedWriter): Promise<void> {
    await out.flush();
    for await (const chunk of fs.createReadStream(this.path)) await write(out.out, chunk as Buffer);
  }

  /** The (closed) spool's lines. */
  lines(): AsyncIterable<string> {
    return readline.createInterface({ input: fs.createReadStream(this.path), crlfDelay: Infinity });
  }

  remove(): void {
    this.out.destroy();
    fs.rmSync(this.path, { force: true });
  }
}

/** Runs `body` with spools created on demand, all removed at the end whatever happens. */
export async function withSpools<T>(tmpDir: string, body: (spool: (name: string) => Spool) => Promise<T>): Promise<T> {
  const made: Spool[] = [];
  try {
    return await body((name) => {
      const s = new Spool(tmpDir, name);
      made.push(s);
      return s;
    });
  } finally {
    for (const s of made) s.remove();
  }
}
