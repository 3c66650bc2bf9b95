// What PostgreSQL's COPY (format csv) accepts silently but would change the data, found in the
// bytes before COPY sees them:
// - a quote out of place (in an unquoted field, or followed by more of the field after it closes):
//   COPY opens or closes quoting there and drops the quote;
// - a record holding only `\.`: COPY from STDIN (PostgreSQL before 18) ends the data there.
// Only quotes and backslashes are looked at, each found by Buffer.indexOf: a file without them
// costs two native searches per chunk.

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;
const BACKSLASH = 0x5c;
const DOT = 0x2e;

export interface CsvFault {
  kind: 'quote' | 'end-marker';
  /** byte offset in the file (of the quote, or of the backslash) */
  offset: number;
}

const endsField = (byte: number) => byte === COMMA || byte === LF || byte === CR;
const endsLine = (byte: number) => byte === LF || byte === CR;

/** Fed the file's chunks in order (BOM included); `fault` is the first one found. */
export class CsvScan {
  fault: CsvFault | null = null;
  /** offset of the chunk being scanned */
  private base = 0;
  /** the byte before the chunk (-1: none) */
  private last = -1;
  /** the file's first three bytes, for its BOM */
  private head: number[] = [];
  private inQuote = false;
  /** a quote inside a quoted field ended the previous chunk: the next byte tells what it is */
  private quoteAtEnd = -1;
  /** a `\` starting a record outside quotes, and how many bytes of `\.` end the previous chunk */
  private marker = -1;
  private markerBytes = 0;

  update(chunk: Buffer): void {
    if (this.fault || chunk.length === 0) return;
    for (let i = 0; this.head.length < 3 && i < chunk.length; i++) this.head.push(chunk[i]!);
    let from = this.resolvePending(chunk);
    let quote = chunk.indexOf(QUOTE, from);
    let backslash = chunk.indexOf(BACKSLASH, from);
    while (!this.fault && (quote !== -1 || backslash !== -1)) {
      if (quote !== -1 && (backslash === -1 || quote < backslash)) {
        from = this.onQuote(chunk, quote);
        if (from === -1) break;
        quote = chunk.indexOf(QUOTE, from);
        if (backslash !== -1 && backslash < from) backslash = chunk.indexOf(BACKSLASH, from);
      } else {
        if (!this.inQuote && this.startsRecord(chunk, backslash)) this.onMarker(chunk, backslash);
        backslash = chunk.indexOf(BACKSLASH, backslash + 1);
      }
    }
    this.last = chunk[chunk.length - 1]!;
    this.base += chunk.length;
  }

  /** After the last chunk: the end of the file decides what is still pending. */
  finish(): CsvFault | null {
    if (!this.fault && this.marker !== -1 && this.markerBytes === 2) this.fault = { kind: 'end-marker', offset: this.marker };
    this.marker = -1;
    this.quoteAtEnd = -1;
    return this.fault;
  }

  private afterBom(at: number): boolean {
    return this.base + at === 3 && this.head[0] === 0xef && this.head[1] === 0xbb && this.head[2] === 0xbf;
  }

  private startsField(chunk: Buffer, at: number): boolean {
    const before = at > 0 ? chunk[at - 1]! : this.last;
    return before === -1 || endsField(before) || this.afterBom(at);
  }

  private startsRecord(chunk: Buffer, at: number): boolean {
    const before = at > 0 ? chunk[at - 1]! : this.last;
    return before === -1 || endsLine(before) || this.afterBom(at);
  }

  /** The index to search on from, or -1 when the chunk's last byte is left for the next chunk. */
  private onQuote(chunk: Buffer, at: number): number {
    if (!this.inQuote) {
      if (!this.startsField(chunk, at)) this.fault = { kind: 'quote', offset: this.base + at };
      this.inQuote = true;
      return at + 1;
    }
    if (at + 1 === chunk.length) {
      this.quoteAtEnd = this.base + at;
      return -1;
    }
    return this.closeOrEscape(chunk, at + 1, this.base + at);
  }

  /** A quote inside a quoted field (at `offset`), `chunk[at]` the byte after it: doubled, or closing the field. */
  private closeOrEscape(chunk: Buffer, at: number, offset: number): number {
    const next = chunk[at]!;
    if (next === QUOTE) return at + 1;
    if (!endsField(next)) this.fault = { kind: 'quote', offset };
    this.inQuote = false;
    // the next field opens with a quote: taken here, one search less where every field is quoted
    if (next === COMMA && chunk[at + 1] === QUOTE) {
      this.inQuote = true;
      return at + 2;
    }
    return at;
  }

  private onMarker(chunk: Buffer, at: number): void {
    this.marker = this.base + at;
    this.markerBytes = 1;
    this.continueMarker(chunk, at + 1);
  }

  /** Goes on matching `\.` then a line end from `at`; what the chunk cannot decide stays pending. */
  private continueMarker(chunk: Buffer, at: number): void {
    for (let i = at; i < chunk.length; i++) {
      if (this.markerBytes === 1 && chunk[i] === DOT) {
        this.markerBytes = 2;
        continue;
      }
      if (this.markerBytes === 2 && endsLine(chunk[i]!)) this.fault = { kind: 'end-marker', offset: this.marker };
      this.marker = -1;
      return;
    }
  }

  /** Settles what the previous chunk left pending with this one's first bytes; where to search from. */
  private resolvePending(chunk: Buffer): number {
    if (this.quoteAtEnd !== -1) {
      const offset = this.quoteAtEnd;
      this.quoteAtEnd = -1;
      return this.closeOrEscape(chunk, 0, offset);
    }
    if (this.marker !== -1) this.continueMarker(chunk, 0);
    return 0;
  }
}
