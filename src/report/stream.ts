// Writing a report of any size with bounded memory: partners arrive in batches and are rendered as
// they come. JSON and CSV go straight out; HTML and the table need their summary first, so the
// partners' sections are spooled to a temporary file while only their headline fields are kept,
// then the head is written and the spool copied after it. The output is the same text as the
// whole-input renderers produce.
import fs from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PartnerEvaluation } from '../rules/types.js';
import { CSV_COLUMNS, csvRecord, csvRow } from './csv.js';
import { HTML_TAIL, renderHtmlHead, renderHtmlScorecard } from './html.js';
import { partnerJson } from './json.js';
import { renderTableAttentionTitle, renderTableHead, renderTablePartnerDetail } from './table.js';
import type { ReportFormat, ReportInput, TableOptions } from './types.js';

export type PartnerBatches = (onBatch: (partners: PartnerEvaluation[]) => Promise<void>) => Promise<void>;

async function write(out: Writable, text: string): Promise<void> {
  if (text !== '' && !out.write(text)) await once(out, 'drain');
}

/** Only what the heads read: requirements dropped. */
function headline(p: PartnerEvaluation): PartnerEvaluation {
  return { ...p, requirements: [], projectedRequirements: p.projectedRequirements === null ? null : [] };
}

export async function streamReport(
  format: ReportFormat, frame: Omit<ReportInput, 'partners'>, batches: PartnerBatches, out: Writable,
  options: { tmpDir: string; table?: TableOptions },
): Promise<number> {
  let count = 0;
  if (format === 'json') {
    await write(out, `{\n  "asOf": ${JSON.stringify(frame.asOf)},\n  "partners": [`);
    await batches(async (partners) => {
      for (const p of partners) {
        const body = JSON.stringify(partnerJson(p), null, 2).replace(/\n/g, '\n    ');
        await write(out, `${count++ === 0 ? '' : ','}\n    ${body}`);
      }
    });
    await write(out, count === 0 ? ']\n}\n' : '\n  ]\n}\n');
    return count;
  }
  if (format === 'csv') {
    await write(out, `${csvRow(CSV_COLUMNS)}\r\n`);
    await batches(async (partners) => {
      let text = '';
      for (const p of partners) {
        const record = csvRecord(frame.asOf, p);
        text += `${csvRow(CSV_COLUMNS.map((c) => record[c]))}\r\n`;
        count++;
      }
      await write(out, text);
    });
    return count;
  }
  // html, table: sections spooled, headlines kept for the head
  fs.mkdirSync(options.tmpDir, { recursive: true });
  const spoolPath = path.join(options.tmpDir, `report.${process.pid}.${Date.now()}.spool`);
  const spool = fs.createWriteStream(spoolPath);
  const headlines: PartnerEvaluation[] = [];
  try {
    let attention = false;
    await batches(async (partners) => {
      let text = '';
      for (const p of partners) {
        if (format === 'html') {
          text += `${count === 0 ? '' : '\n'}${renderHtmlScorecard(frame, p)}`;
        } else {
          const detail = renderTablePartnerDetail(frame.asOf, p, options.table);
          if (detail !== '' && !attention) {
            attention = true;
            text += renderTableAttentionTitle(options.table);
          }
          text += detail;
        }
        headlines.push(headline(p));
        count++;
      }
      await write(spool, text);
    });
    spool.end();
    await once(spool, 'close');
    const input: ReportInput = { ...frame, partners: headlines };
    await write(out, format === 'html' ? renderHtmlHead(input) : renderTableHead(input, options.table));
    await pipeline(fs.createReadStream(spoolPath), out, { end: false });
    if (format === 'html') await write(out, HTML_TAIL);
    return count;
  } finally {
    spool.destroy();
    fs.rmSync(spoolPath, { force: true });
  }
}
