// The outbox: notices queued with the evaluation that calls for them, once per event across reruns
// and failures; delivered once through the file outbox or an SMTP relay, also after a delivery
// cut off in the middle or a relay that is down.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connect.js';
import { evaluateAndStoreDay } from '../../src/evaluation/evaluate-day.js';
import { backfill } from '../../src/evaluation/backfill.js';
import { ingestFolder } from '../../src/exports/ingest.js';
import { startRun } from '../../src/ledger.js';
import { deliverQueued, fileMailer, smtpMailer, type Mailer } from '../../src/notices/deliver.js';
import { NoticeQueue } from '../../src/notices/outbox.js';
import { RULESET_2019 } from '../../src/rules/ruleset-2019.js';
import { projectRoot } from '../helpers/cli.js';
import { failingCommits, openTestDatabase, tempDir } from '../helpers/database.js';

const FIXTURE = path.join(projectRoot, 'test', 'fixtures', 'e2e');
const SETTINGS = { ruleSet: RULESET_2019, horizonDays: 90 };
const tmpDir = tempDir('tier-review-notices-tmp-');

let database: Database;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ database, close } = await openTestDatabase());
  const runId = await startRun(database.db, 'test', {});
  const ingest = await ingestFolder(database, FIXTURE, { runId, tmpDir });
  expect(ingest.rejected).toBe(false);
});
afterAll(async () => close());

interface NoticeRow {
  kind: string;
  partner_id: string | null;
  anchor: string;
  bucket: number | null;
  status: string;
}

async function notices(): Promise<NoticeRow[]> {
  return (await sql<NoticeRow>`select kind, partner_id, to_char(anchor, 'YYYY-MM-DD') as anchor, bucket, status from notices
    order by notice_id`.execute(database.db)).rows;
}

/** Evaluates and stores D as the nightly run does: with its notices. */
async function nightly(day: string, digestTo: string[] = [], on: Database = database): Promise<NoticeQueue> {
  const queue = new NoticeQueue(tmpDir, day, { ...SETTINGS, digestTo });
  await evaluateAndStoreDay(on, day, { ...SETTINGS, runId: null, tmpDir, notices: queue });
  return queue;
}

/** A relay on loopback that takes every mail but refuses the recipients `refuse` names (550). */
async function fakeRelay(refuse: (address: string) => boolean): Promise<{ url: string; received: string[]; close(): Promise<void> }> {
  const received: string[] = [];
  const server = net.createServer((socket) => {
    socket.setEncoding('utf8');
    let buffer = '';
    let data: string | null = null;
    socket.write('220 relay ESMTP\r\n');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      for (let end = buffer.indexOf('\r\n'); end >= 0; end = buffer.indexOf('\r\n')) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (data !== null) {
          if (line === '.') {
            received.push(data);
            data = null;
            socket.write('250 queued\r\n');
          } else {
            data += `${line}\n`;
          }
          continue;
        }
        const command = line.toUpperCase();
        if (command.startsWith('EHLO') || command.startsWith('HELO') || command.startsWith('MAIL FROM') || command === 'RSET') socket.write('250 ok\r\n');
        else if (command.startsWith('RCPT TO')) socket.write(refuse(/<([^>]*)>/.exec(line)?.[1] ?? '') ? '550 no such user\r\n' : '250 ok\r\n');
        else if (command === 'DATA') {
          data = '';
          socket.write('354 go on\r\n');
        } else if (command === 'QUIT') {
          socket.end('221 bye\r\n');
        } else socket.write('502 not here\r\n');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const deliver = (mailer: Mailer) => deliverQueued(database, mailer, { from: 'Ops <ops@example.com>', tmpDir, settings: SETTINGS, now: () => new Date('2019-12-01T00:00:00Z') });

describe('queueing', () => {
  it('a failed store queues nothing', async () => {
    const failing = failingCommits(database, 'connection lost');
    await expect(nightly('2019-11-30', [], failing)).rejects.toThrow('connection lost');
    expect(await notices()).toEqual([]);
  });

  it('the nightly run queues one notice per event, and the digest when it has recipients', async () => {
    const queue = await nightly('2019-11-30', ['ops@example.com']);
    const queued = await notices();
    expect(queue.queued).toBe(queued.length);
    expect(queued.map((n) => [n.kind, n.partner_id, n.anchor, n.bucket])).toEqual([
      ['at_risk', 'P01', '2019-12-13', 30],
      ['at_risk', 'P02', '2019-12-13', 30],
      ['fee_grace', 'P02', '2019-12-14', 30],
      ['fee_overdue', 'P03', '2019-03-15', null],
      ['at_risk', 'P04', '2019-12-20', 30],
      ['digest', null, '2019-11-30', null],
    ]);
    expect(queued.every((n) => n.status === 'queued')).toBe(true);
  });

  it('rerunning the day, or a later day in the same bucket, queues nothing again', async () => {
    expect((await nightly('2019-11-30', ['ops@example.com'])).queued).toBe(0);
    // 2019-12-01: P05 comes within the 90-day horizon of its review (2020-02-29); nothing else is new
    await nightly('2019-12-01');
    expect((await notices()).slice(6).map((n) => [n.kind, n.partner_id, n.anchor, n.bucket])).toEqual([['at_risk', 'P05', '2020-02-29', 90]]);
  });

  it('the next bucket is a new event; an earlier day, in a bucket already passed, is not', async () => {
    // 2019-12-06: 7 days before R = 2019-12-13 (P02's grace ends in 8: still the 30-day bucket)
    await nightly('2019-12-06');
    expect((await notices()).slice(7).map((n) => [n.kind, n.partner_id, n.bucket])).toEqual([['at_risk', 'P01', 7], ['at_risk', 'P02', 7]]);
    expect((await nightly('2019-11-29')).queued).toBe(0);
    expect((await nightly('2019-12-02', ['ops@example.com'])).queued).toBe(1);
    expect((await notices()).slice(9).map((n) => [n.kind, n.anchor])).toEqual([['digest', '2019-12-02']]);
  });

  it('evaluate and backfill queue nothing', async () => {
    const before = (await notices()).length;
    await evaluateAndStoreDay(database, '2019-12-10', { ...SETTINGS, runId: null, tmpDir });
    await backfill(database, '2019-12-08', '2019-12-12', { ...SETTINGS, runId: null, tmpDir });
    expect(await notices()).toHaveLength(before);
  });
});

describe('delivery', () => {
  const outbox = tempDir('tier-review-outbox-');

  it('a relay that is down leaves every notice queued, and says why', async () => {
    const server = net.createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    try {
      const result = await deliver(smtpMailer(`smtp://127.0.0.1:${port}`));
      expect(result.sent).toBe(0);
      expect(result.failed?.error).toBeTruthy();
      expect((await notices()).every((n) => n.status === 'queued')).toBe(true);
    } finally {
      server.close();
    }
  });

  it('the file outbox gets one .eml per notice; a second delivery sends nothing', async () => {
    const count = (await notices()).length;
    const first = await deliver(fileMailer(outbox));
    expect(first).toMatchObject({ sent: count, failed: null, queued: 0, unconfirmed: 0 });
    const files = fs.readdirSync(outbox).sort();
    expect(files).toHaveLength(count);
    expect(files[0]).toMatch(/^\d{8}-at_risk-P01\.eml$/);
    const p01 = fs.readFileSync(path.join(outbox, files[0]!), 'utf8');
    expect(p01).toMatch(/^To: lead@alpha\.example$/m);
    expect(p01).toMatch(/^From: Ops <ops@example\.com>$/m);
    const digest = fs.readFileSync(path.join(outbox, files.find((f) => f.includes('-digest'))!), 'utf8');
    expect(digest).toMatch(/^To: ops@example\.com$/m);
    expect(digest).toContain('filename=tier-review-flagged-2019-11-30.csv');
    expect((await deliver(fileMailer(outbox))).sent).toBe(0);
    expect(fs.readdirSync(outbox)).toHaveLength(count);
  });

  it('a delivery cut off while sending: written notices are not written again, the others are sent', async () => {
    // two notices claimed by a process that died: one had been written, one had not
    await nightly('2019-12-12', ['ops@example.com']);
    const pending = (await sql<{ id: string }>`select notice_id::text as id from notices where status = 'queued' order by notice_id`.execute(database.db)).rows;
    expect(pending.length).toBeGreaterThanOrEqual(2);
    await sql`update notices set status = 'sending' where notice_id in (${pending[0]!.id}, ${pending[1]!.id})`.execute(database.db);
    fs.writeFileSync(path.join(outbox, `${pending[0]!.id.padStart(8, '0')}-at_risk-written.eml`), 'sent before the cut');
    const before = fs.readdirSync(outbox).length;
    const result = await deliver(fileMailer(outbox));
    expect(result).toMatchObject({ sent: pending.length - 1, queued: 0, unconfirmed: 0 });
    expect(fs.readdirSync(outbox)).toHaveLength(before + pending.length - 1);
    expect((await notices()).every((n) => n.status === 'sent')).toBe(true);
  });

  it('through a relay, a notice cut off while sending is unconfirmed and never sent again', async () => {
    await sql`update notices set status = 'sending' where notice_id = (select max(notice_id) from notices)`.execute(database.db);
    const relayDown = smtpMailer('smtp://127.0.0.1:1');
    const result = await deliverQueued(database, relayDown, { from: 'ops@example.com', tmpDir, settings: SETTINGS, now: () => new Date() });
    expect(result).toMatchObject({ sent: 0, failed: null, unconfirmed: 1 });
    expect((await notices()).filter((n) => n.status === 'unconfirmed')).toHaveLength(1);
  });

  it('a notice the relay refuses for good (550) is failed and the others still go; a refused cc is noted', async () => {
    // two notices of a later review year, P01's and P02's
    await sql`insert into notices (kind, partner_id, anchor, bucket, as_of, to_addresses, cc_addresses, subject, body)
      values ('at_risk', 'P01', '2020-10-01', 90, '2020-07-03', 'old.lead@alpha.example', null, 'P01 at risk', 'text'),
        ('at_risk', 'P02', '2020-09-15', 90, '2020-06-17', 'lead@bravo.example', null, 'P02 at risk', 'text')`.execute(database.db);
    const relay = await fakeRelay((address) => address === 'pm.alpha@aws.example' || address === 'lead@bravo.example');
    try {
      const result = await deliver(smtpMailer(relay.url));
      expect(result.sent).toBe(1);
      expect(result.failed).toBeNull();
      expect(result.refused.map((r) => r.error)).toEqual([expect.stringContaining('550')]);
      // P01's notice went to the addresses in force, not those it was queued with; its cc was refused
      expect(relay.received).toHaveLength(1);
      expect(relay.received[0]).toMatch(/^To: lead@alpha\.example$/m);
      const rows = (await sql<{ partner_id: string; status: string; last_error: string | null }>`select partner_id, status, last_error from notices
        where anchor in ('2020-10-01', '2020-09-15') order by partner_id`.execute(database.db)).rows;
      expect(rows.map((r) => [r.partner_id, r.status])).toEqual([['P01', 'sent'], ['P02', 'failed']]);
      expect(rows[0]!.last_error).toBe('refused recipients: pm.alpha@aws.example');
      // a failed notice is not tried again
      expect((await deliver(smtpMailer(relay.url))).sent).toBe(0);
      expect(relay.received).toHaveLength(1);
    } finally {
      await relay.close();
    }
  });
});
