// The scan before COPY: it must find what csv-parse (strict) finds, wherever the chunks are cut.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CsvScan, type CsvFault } from '../../src/exports/csv-scan.js';

function scan(bytes: Buffer, cuts: number[] = []): CsvFault | null {
  const s = new CsvScan();
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    s.update(bytes.subarray(from, cut));
    from = cut;
  }
  return s.finish();
}

/** The quote error csv-parse (strict, as locate.ts reads) reports, if any. */
function csvParseQuoteError(bytes: Buffer): string | null {
  try {
    parse(bytes, { bom: false, relax_column_count: true, skip_empty_lines: false });
    return null;
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    return code === 'INVALID_OPENING_QUOTE' || code === 'CSV_INVALID_CLOSING_QUOTE' ? code : null;
  }
}

/** The first record holding only `\.` outside quotes, byte by byte (every quote well placed). */
function firstMarker(bytes: Buffer): number | null {
  let inQuote = false;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x22) inQuote = !inQuote;
    const startsLine = i === 0 || bytes[i - 1] === 0x0a || bytes[i - 1] === 0x0d;
    if (!inQuote && startsLine && bytes[i] === 0x5c && bytes[i + 1] === 0x2e && (i + 2 === bytes.length || bytes[i + 2] === 0x0a || bytes[i + 2] === 0x0d)) return i;
  }
  return null;
}

// a small seeded generator: the cases are the same on every run
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

describe('the scan before COPY', () => {
  it('passes RFC 4180 quoting', () => {
    for (const csv of ['a,b\n"x","y"\n', 'a,b\r\n"x ""q"", z",""\r\n', '"a\nb",c\n', '"",""', 'a,"b"', '\ufeff"a",b\n1,2']) {
      expect(scan(Buffer.from(csv)), csv).toBeNull();
    }
  });

  it('finds a quote inside an unquoted field, or after a closing quote', () => {
    expect(scan(Buffer.from('a,b\nP1,Acme "Best" Corp\n'))).toEqual({ kind: 'quote', offset: 12 });
    expect(scan(Buffer.from('a,b\nP1,"Zeta"Inc\n'))).toEqual({ kind: 'quote', offset: 12 });
    expect(scan(Buffer.from('a,b\nP1, "x"\n'))).toEqual({ kind: 'quote', offset: 8 });
    // after a BOM a field starts at byte 3, not earlier
    expect(scan(Buffer.from('\ufeffa"b,c\n'))).toEqual({ kind: 'quote', offset: 4 });
  });

  it('finds a line holding only \\. outside quotes, not the quoted value', () => {
    expect(scan(Buffer.from('a,b\n1,2\n\\.\n3,4\n'))).toEqual({ kind: 'end-marker', offset: 8 });
    expect(scan(Buffer.from('a,b\r\n1,2\r\n\\.\r\n3,4\r\n'))).toEqual({ kind: 'end-marker', offset: 10 });
    expect(scan(Buffer.from('a,b\n1,2\n\\.'))).toEqual({ kind: 'end-marker', offset: 8 });
    expect(scan(Buffer.from('\ufeff\\.\n'))).toEqual({ kind: 'end-marker', offset: 3 });
    for (const csv of ['a,b\n"\\.",2\n', 'a,b\n1,"x\n\\.\ny"\n', 'a,b\n\\.x,2\n', 'a,b\n1,\\.\n', 'a,b\n\\\n']) {
      expect(scan(Buffer.from(csv)), csv).toBeNull();
    }
  });

  it('agrees with csv-parse and finds the same wherever the chunks are cut', () => {
    const next = random(20190101);
    const tokens = ['a', 'a', 'a', ',', ',', '"', '""', '\\.', '\\', 'EOL'];
    for (let n = 0; n < 4000; n++) {
      const eol = n % 2 === 0 ? '\n' : '\r\n';
      const length = Math.floor(next() * 30);
      const text = Array.from({ length }, () => tokens[Math.floor(next() * tokens.length)]!).join('').replace(/EOL/g, eol);
      const bytes = Buffer.from(text);
      const found = scan(bytes);
      // the same found with every byte in a chunk of its own, and at random cuts
      expect(scan(bytes, Array.from({ length: bytes.length }, (_, i) => i)), text).toEqual(found);
      const cuts = Array.from({ length: 3 }, () => Math.floor(next() * (bytes.length + 1))).sort((a, b) => a - b);
      expect(scan(bytes, cuts), text).toEqual(found);

      if (csvParseQuoteError(bytes)) {
        expect(found, text).not.toBeNull();
        if (found!.kind === 'end-marker') expect(found!.offset, text).toBe(firstMarker(bytes));
      } else {
        const marker = firstMarker(bytes);
        expect(found, text).toEqual(marker === null ? null : { kind: 'end-marker', offset: marker });
      }
    }
  });
});
