// Writing reports of any size with bounded memory: partners arrive in pages and each report takes
// them as they come (a sink). JSON and CSV go straight out; HTML and the table need their head
// first, so what depends on all partners is spooled to temporary files (see stream-html.ts,
// stream-table.ts). One pass over the partners can feed several reports. The output is the same
// text as the whole-input renderers produce.
import type { Writable } from 'node:stream';
import type { PartnerEvaluation } from '../rules/types.js';
import { CSV_COLUMNS, csvRecord, csvRow } from './csv.js';
import { partnerJson } from './json.js';
import { ChunkedWriter, withSpools, type Spool } from './spool.js';
import { htmlSink } from './stream-html.js';
import { tableSink } from './stream-table.js';
import type { ReportFormat, ReportInput, TableOptions } from './types.js';

/**
 * Partners per page read for a report: a page's evaluations are most of what a report holds, and
 * V8 lets the heap grow to a few times what is live before it collects.
 */
export const REPORT_PAGE_PARTNERS = 500;

export type PartnerBatches = (onBatch: (partners: PartnerEvaluation[]) => Promise<void>) => Promise<void>;
export type ReportFrame = Omit<ReportInput, 'partners'>;

/** One report being written: takes the partners page by page, then writes what is left. */
export interface ReportSink {
  add(partners: readonly PartnerEvaluation[]): Promise<void>;
  /** Writes the rest; the caller flushes the output. */
  finish(): Promise<void>;
}

export interface ReportTarget {
  format: ReportFormat;
  out: Writable;
  table?: TableOptions;
}

function jsonSink(frame: ReportFrame, out: ChunkedWriter): ReportSink {
  let count = 0;
  const opening = `{\n  "asOf": ${JSON.stringify(frame.asOf)},\n  "partners": [`;
  return {
    async add(partners) {
      if (count === 0) await out.write(opening);
      for (const p of partners) {
        const body = JSON.stringify(partnerJson(p), null, 2).replace(/\n/g, '\n    ');
        await out.write(`${count++ === 0 ? '' : ','}\n    ${body}`);
      }
    },
    async finish() {
      await out.write(count === 0 ? `${opening}]\n}\n` : '\n  ]\n}\n');
    },
  };
}

function csvSink(frame: ReportFrame, out: ChunkedWriter): ReportSink {
  let count = 0;
  const header = `${csvRow(CSV_COLUMNS)}\r\n`;
  return {
    async add(partners) {
      if (count === 0) await out.write(header);
      for (const p of partners) {
        const record = csvRecord(frame.asOf, p);
        await out.write(`${csvRow(CSV_COLUMNS.map((c) => record[c]))}\r\n`);
        count++;
      }
    },
    async finish() {
      if (count === 0) await out.write(header);
    },
  };
}

function sink(target: ReportTarget, out: ChunkedWriter, frame: ReportFrame, spool: (name: string) => Spool): ReportSink {
  switch (target.format) {
    case 'json':
      return jsonSink(frame, out);
    case 'csv':
      return csvSink(frame, out);
    case 'html':
      return htmlSink(frame, out, spool);
    case 'table':
      return tableSink(frame, out, spool, target.table ?? {});
    default: {
      const never: never = target.format;
      throw new Error(`unknown report format: ${String(never)}`);
    }
  }
}

/** Writes every target's report in one pass over the partners; returns how many were reported. */
export async function streamReports(
  targets: readonly ReportTarget[], frame: ReportFrame, batches: PartnerBatches, options: { tmpDir: string },
): Promise<number> {
  return withSpools(options.tmpDir, async (spool) => {
    const outs = targets.map((t) => new ChunkedWriter(t.out));
    const sinks = targets.map((t, i) => sink(t, outs[i]!, frame, spool));
    let count = 0;
    await batches(async (partners) => {
      count += partners.length;
      for (const s of sinks) await s.add(partners);
    });
    for (const [i, s] of sinks.entries()) {
      await s.finish();
      await outs[i]!.flush();
    }
    return count;
  });
}

export async function streamReport(
  format: ReportFormat, frame: ReportFrame, batches: PartnerBatches, out: Writable,
  options: { tmpDir: string; table?: TableOptions },
): Promise<number> {
  return streamReports([{ format, out, table: options.table }], frame, batches, options);
}
