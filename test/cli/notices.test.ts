// Notices from the command line: run queues them with the day (and sends them unless --no-email),
// notify delivers what is queued, each once, to the file outbox when SMTP_URL is unset.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmptyDatabase } from '../helpers/database.js';
import { projectRoot, runCli, type CliEnv } from '../helpers/cli.js';

const INPUT = path.join(projectRoot, 'test', 'fixtures', 'e2e');
let target: CliEnv;
let drop: () => Promise<void>;
beforeAll(async () => {
  const db = await createEmptyDatabase();
  target = { home: db.home, url: db.url, env: { REPORT_RECIPIENTS: 'ops@example.com', MAIL_FROM: 'APN Ops <apn-ops@example.com>' } };
  drop = db.drop;
});
afterAll(async () => drop());

const outbox = () => path.join(target.home, 'outbox');
const mails = () => (fs.existsSync(outbox()) ? fs.readdirSync(outbox()).filter((f) => f.endsWith('.eml')).sort() : []);

describe('notices', () => {
  it('run --no-email queues the day\'s notices and sends none', async () => {
    const r = await runCli(['run', '--input', INPUT, '--as-of', '2019-11-30', '--no-email'], target);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('notices queued: 6 (--no-email: none sent; `tier-review notify` sends them)');
    expect(mails()).toEqual([]);
  });

  it('notify --dry-run lists them and sends nothing', async () => {
    const r = await runCli(['notify', '--dry-run'], target);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^6 notices queued; would send through the outbox folder /);
    expect(r.stdout).toContain('at_risk to lead@alpha.example: APN tier review: ');
    expect(mails()).toEqual([]);
  });

  it('notify sends each once, the digest included', async () => {
    const r = await runCli(['notify'], target);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('notices sent: 6 through the outbox folder');
    expect(mails()).toHaveLength(6);
    expect(mails().filter((f) => f.includes('-digest'))).toHaveLength(1);
    const again = await runCli(['notify'], target);
    expect(again.stdout).toContain('notices sent: 0');
    expect(mails()).toHaveLength(6);
  });

  it('run sends what it queues; a rerun of the day sends nothing again', async () => {
    const next = await runCli(['run', '--as-of', '2019-12-06'], target);
    expect(next.code, next.stderr).toBe(0);
    // at_risk in the 7-day bucket for P01 and P02, P05 come within the horizon, and the day's digest
    expect(next.stdout).toContain('notices queued: 4');
    expect(next.stdout).toContain('notices sent: 4');
    expect(mails()).toHaveLength(10);
    const rerun = await runCli(['run', '--as-of', '2019-12-06', '--json'], target);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(JSON.parse(rerun.stdout).notices).toEqual({ queued: 0, sent: 0, stillQueued: 0, unconfirmed: 0, refused: [], failed: null });
    expect(mails()).toHaveLength(10);
  });

  it('evaluate and backfill send nothing', async () => {
    expect((await runCli(['evaluate', '--as-of', '2019-12-12'], target)).code).toBe(0);
    expect((await runCli(['backfill', '--from', '2019-12-07', '--to', '2019-12-12'], target)).code).toBe(0);
    const r = await runCli(['notify', '--dry-run'], target);
    expect(r.stdout).toMatch(/^0 notices queued/);
    expect(mails()).toHaveLength(10);
  });

  it('a relay that is down: run stores the day, keeps the notices queued and exits 1 saying so', async () => {
    const down = { ...target, env: { ...target.env, SMTP_URL: 'smtp://127.0.0.1:1' } };
    const r = await runCli(['run', '--as-of', '2019-12-12'], down);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/the day is stored and its report written, but notice #\d+ could not be sent through the SMTP relay 127\.0\.0\.1:1/);
    const listed = await runCli(['notify', '--dry-run'], target);
    expect(listed.stdout).toMatch(/^2 notices queued/);
    const sent = await runCli(['notify'], target);
    expect(sent.stdout).toContain('notices sent: 2');
  });
});
