// A streamed report is the same text as the whole-input renderer's, whatever the batching.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { render } from '../../src/report/index.js';
import { streamReport, streamReports } from '../../src/report/stream.js';
import { TABLE_PAGE_ROWS } from '../../src/report/stream-table.js';
import { REPORT_FORMATS } from '../../src/report/types.js';
import type { PartnerEvaluation } from '../../src/rules/types.js';
import { tempDir } from '../helpers/database.js';
import { fixtureInput } from './fixture.js';

async function streamed(format: (typeof REPORT_FORMATS)[number], batchSize: number, partners = fixtureInput().partners): Promise<string> {
  const { partners: _all, ...frame } = fixtureInput();
  const out = collect();
  await streamReport(format, frame, async (onBatch) => {
    for (let i = 0; i < partners.length; i += batchSize) await onBatch(partners.slice(i, i + batchSize));
  }, out, { tmpDir: tempDir() });
  return out.text();
}

/** A stream that keeps what is written; decoded at the end, as a spool's chunks may split a character. */
function collect(): PassThrough & { text(): string } {
  const chunks: Buffer[] = [];
  const out = new PassThrough();
  out.on('data', (d: Buffer) => chunks.push(d));
  return Object.assign(out, { text: () => Buffer.concat(chunks).toString('utf8') });
}

describe('streamReport', () => {
  for (const format of REPORT_FORMATS) {
    it(`${format}: equals the whole-input renderer, in batches of 1 and of all`, async () => {
      const whole = render(format, fixtureInput());
      expect(await streamed(format, 1)).toBe(whole);
      expect(await streamed(format, 100)).toBe(whole);
    });
    it(`${format}: an empty report equals the renderer's`, async () => {
      expect(await streamed(format, 1, [])).toBe(render(format, { ...fixtureInput(), partners: [] }));
    });
  }
});

/** `n` partners from the fixture's three, with ids (some wide, some long) and names that vary. */
function manyPartners(n: number): PartnerEvaluation[] {
  const base = fixtureInput().partners;
  return Array.from({ length: n }, (_, i) => {
    const p = base[i % base.length]!;
    const id = i % 997 === 0 ? `P${String(i).padStart(6, '0')}漢字` : `P${String(i).padStart(6, '0')}${i % 500 === 0 ? '-LONG-ID' : ''}`;
    return { ...p, partnerId: id, partnerName: `${p.partnerName} ${'x'.repeat(i % 53)}` };
  });
}

describe('streamReports', () => {
  it('renders every format of many partners in one pass, page by page, as the whole-input renderers do', async () => {
    const partners = manyPartners(2 * TABLE_PAGE_ROWS + 345);
    const { partners: _all, ...frame } = fixtureInput();
    const outs = REPORT_FORMATS.map((format) => ({ format, out: collect() }));
    const pages: number[] = [];
    const count = await streamReports(outs, frame, async (onBatch) => {
      for (let i = 0; i < partners.length; i += 500) {
        pages.push(i);
        await onBatch(partners.slice(i, i + 500));
      }
    }, { tmpDir: tempDir() });
    expect(count).toBe(partners.length);
    expect(pages).toHaveLength(Math.ceil(partners.length / 500));
    for (const { format, out } of outs) expect(out.text(), format).toBe(render(format, { ...frame, partners }));
  });

  it('leaves no listeners on the output behind it, however many spools it copies there', async () => {
    const outs = REPORT_FORMATS.map((format) => ({ format, out: collect() }));
    const before = outs.map(({ out }) => [out.listenerCount('error'), out.listenerCount('close'), out.listenerCount('drain')]);
    const { partners, ...frame } = fixtureInput();
    await streamReports(outs, frame, async (onBatch) => onBatch(partners), { tmpDir: tempDir() });
    expect(outs.map(({ out }) => [out.listenerCount('error'), out.listenerCount('close'), out.listenerCount('drain')])).toEqual(before);
  });
});
