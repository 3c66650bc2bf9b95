// A streamed report is the same text as the whole-input renderer's, whatever the batching.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { render } from '../../src/report/index.js';
import { streamReport } from '../../src/report/stream.js';
import { REPORT_FORMATS } from '../../src/report/types.js';
import { tempDir } from '../helpers/database.js';
import { fixtureInput } from './fixture.js';

async function streamed(format: (typeof REPORT_FORMATS)[number], batchSize: number, partners = fixtureInput().partners): Promise<string> {
  const { partners: _all, ...frame } = fixtureInput();
  const out = new PassThrough();
  let text = '';
  out.on('data', (d) => (text += d));
  await streamReport(format, frame, async (onBatch) => {
    for (let i = 0; i < partners.length; i += batchSize) await onBatch(partners.slice(i, i + batchSize));
  }, out, { tmpDir: tempDir() });
  return text;
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
