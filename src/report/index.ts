// Report renderers: pure functions from ReportInput to the text `tier-review report` prints.

import { renderCsv } from './csv.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderTable } from './table.js';
import type { RenderOptions, ReportFormat, ReportInput } from './types.js';

export function render(format: ReportFormat, input: ReportInput, options: RenderOptions = {}): string {
  switch (format) {
    case 'table':
      return renderTable(input, options.table);
    case 'json':
      return renderJson(input);
    case 'csv':
      return renderCsv(input, options.csv);
    case 'html':
      return renderHtml(input);
    default: {
      const never: never = format;
      throw new Error(`unknown report format: ${String(never)}`);
    }
  }
}

export { csvField, csvRecord, csvRow, CSV_COLUMNS, renderCsv, shortfallText, type CsvColumn } from './csv.js';
export { escapeHtml, partnerAnchor, renderHtml } from './html.js';
export { jsonReport, partnerJson, renderJson, type JsonReport } from './json.js';
export * from './labels.js';
export { renderTable, terminalSafe } from './table.js';
export * from './types.js';
