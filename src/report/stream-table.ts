// The streamed table: each partner's row cells (as JSON lines) and attention lines are spooled
// while the counts and column widths are kept. The rows are then rendered in pages with the final
// widths into a second spool, whose widest line sets the rule under the header row; then head,
// rows and attention section are written in order.
import { addToReportCounts, emptyReportCounts } from './counts.js';
import type { ChunkedWriter, Spool } from './spool.js';
import type { ReportFrame, ReportSink } from './stream.js';
import {
  emptyTableWidths,
  renderTableAttentionTitle,
  renderTableHeadRow,
  renderTableLines,
  renderTablePartnerDetail,
  renderTableRule,
  renderTableTop,
  TABLE_NO_PARTNERS,
  tableColumns,
  tableRow,
  visibleWidth,
} from './table.js';
import type { TableOptions } from './types.js';

/** Rows rendered per table: bounds the renderer's memory, not the output. */
export const TABLE_PAGE_ROWS = 200;

export function tableSink(frame: ReportFrame, out: ChunkedWriter, spool: (name: string) => Spool, options: TableOptions): ReportSink {
  const counts = emptyReportCounts();
  const widths = emptyTableWidths();
  const rows = spool('rows');
  const details = spool('details');
  return {
    async add(partners) {
      for (const p of partners) {
        addToReportCounts(counts, p);
        await rows.write(`${JSON.stringify(tableRow(p, options, widths))}\n`);
        const detail = renderTablePartnerDetail(frame.asOf, p, options);
        if (detail !== '' && details.items++ === 0) await details.write(renderTableAttentionTitle(options));
        await details.write(detail);
      }
    },
    async finish() {
      await rows.close();
      await details.close();
      await out.write(renderTableTop(frame, counts, options));
      if (counts.partners === 0) {
        await out.write(TABLE_NO_PARTNERS);
        return;
      }
      const columns = tableColumns(widths, options);
      const head = renderTableHeadRow(columns, options);
      const body = spool('body');
      let widest = visibleWidth(head);
      let page: string[][] = [];
      const flush = async () => {
        const lines = renderTableLines(columns, page);
        page = [];
        for (const l of lines) widest = Math.max(widest, visibleWidth(l));
        for (const l of lines) await body.write(`${l}\n`);
      };
      for await (const line of rows.lines()) {
        page.push(JSON.parse(line) as string[]);
        if (page.length === TABLE_PAGE_ROWS) await flush();
      }
      if (page.length > 0) await flush();
      await body.close();
      await out.write(`${head}\n${renderTableRule(widest, options)}\n`);
      await body.copyTo(out);
      await details.copyTo(out);
    },
  };
}
