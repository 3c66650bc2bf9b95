// The streamed html report: scorecards and the head's per-partner lists (partners per flag, the
// partner index) are spooled while only counts are kept; then the head is written with each list
// copied into its place, and the scorecards after it.
import { addToReportCounts, emptyReportCounts } from './counts.js';
import {
  HTML_HEAD_LISTS,
  HTML_TAIL,
  htmlHeadParts,
  htmlListItem,
  htmlListSeparator,
  renderHtmlScorecard,
  type HtmlHeadList,
} from './html.js';
import type { ChunkedWriter, Spool } from './spool.js';
import type { ReportFrame, ReportSink } from './stream.js';

const listName = (list: HtmlHeadList) => (list.kind === 'flag' ? list.flag : list.kind);

export function htmlSink(frame: ReportFrame, out: ChunkedWriter, spool: (name: string) => Spool): ReportSink {
  const counts = emptyReportCounts();
  const cards = spool('scorecards');
  const lists = new Map(HTML_HEAD_LISTS.map((list) => [listName(list), { list, spool: spool(listName(list)) }]));
  return {
    async add(partners) {
      for (const p of partners) {
        addToReportCounts(counts, p);
        await cards.write(cards.item(renderHtmlScorecard(frame, p), '\n'));
        for (const { list, spool } of lists.values()) {
          const item = htmlListItem(list, p);
          if (item !== null) await spool.write(spool.item(item, htmlListSeparator(list)));
        }
      }
    },
    async finish() {
      await cards.close();
      for (const l of lists.values()) await l.spool.close();
      for (const part of htmlHeadParts(frame, counts)) {
        if (typeof part === 'string') await out.write(part);
        else await lists.get(listName(part))!.spool.copyTo(out);
      }
      await cards.copyTo(out);
      await out.write(HTML_TAIL);
    },
  };
}
