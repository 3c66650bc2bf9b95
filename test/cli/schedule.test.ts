// `schedule`: it runs `run` on the cron schedule, for the day of each tick (in-process, with the
// clock fixed), and as a subprocess stops on SIGTERM, letting a run in progress finish (exit 0).
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduleJob } from '../../jobs/schedule.js';
import { loadConfig } from '../../src/config.js';
import { createEmptyDatabase, tempDir } from '../helpers/database.js';
import { projectRoot, runCli, startCli, type CliEnv } from '../helpers/cli.js';

const INPUT = path.join(projectRoot, 'test', 'fixtures', 'e2e');
let target: CliEnv;
let drop: () => Promise<void>;
beforeAll(async () => {
  const db = await createEmptyDatabase();
  // every second (node-cron's six-field form)
  target = { home: db.home, url: db.url, env: { TIER_REVIEW_CRON: '* * * * * *' } };
  drop = db.drop;
});
afterAll(async () => drop());

async function until(what: string, done: () => boolean): Promise<void> {
  for (let waited = 0; !done(); waited += 50) {
    if (waited > 120_000) throw new Error(`never: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('schedule', () => {
  it('a missing --input folder is bad usage at once', async () => {
    const r = await runCli(['schedule', '--input', path.join(tempDir(), 'nowhere')], target);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--input: no such folder');
  });

  it('runs the nightly job on each tick, for the day of the tick, one at a time', async () => {
    const config = loadConfig({ TIER_REVIEW_HOME: target.home, TIER_REVIEW_CRON: '* * * * * *', TZ: 'UTC', ...(target.url ? { DATABASE_URL: target.url } : {}) });
    const stdout = new PassThrough();
    let printed = '';
    stdout.on('data', (d) => (printed += d));
    const ctx = { config, now: () => new Date('2019-11-30T23:30:00Z'), stdout, stderr: new PassThrough(), log: pino({ level: 'silent' }) };
    let ticks = 0;
    const code = await scheduleJob(ctx, { input: INPUT, email: false }, async () => {
      // stop once a run has printed its summary; the run still finishing is let finish
      await until('a scheduled run has printed its summary', () => printed.includes('evaluated 2019-11-30: 8 partners'));
      ticks = printed.split('evaluated 2019-11-30').length - 1;
      return 'test';
    });
    expect(code).toBe(0);
    expect(ticks).toBeGreaterThanOrEqual(1);
    expect(printed).toContain('notices queued: 5 (--no-email');
    expect(fs.existsSync(path.join(target.home, 'reports', 'tier-review-2019-11-30.html'))).toBe(true);
  });

  it('a day passed over without a tick is run before the day of the next tick', async () => {
    const config = loadConfig({ TIER_REVIEW_HOME: target.home, TIER_REVIEW_CRON: '* * * * * *', TZ: 'UTC', ...(target.url ? { DATABASE_URL: target.url } : {}) });
    const stdout = new PassThrough();
    let printed = '';
    stdout.on('data', (d) => (printed += d));
    // the first tick on 2019-12-01, every later one on 2019-12-03 (as if 2019-12-02 had no tick)
    const now = () => new Date(printed.includes('evaluated 2019-12-01') ? '2019-12-03T02:00:00Z' : '2019-12-01T02:00:00Z');
    const ctx = { config, now, stdout, stderr: new PassThrough(), log: pino({ level: 'silent' }) };
    const code = await scheduleJob(ctx, { email: false }, async () => {
      await until('the day after the gap has run', () => printed.includes('evaluated 2019-12-03'));
      return 'test';
    });
    expect(code).toBe(0);
    const days = [...printed.matchAll(/evaluated (\d{4}-\d{2}-\d{2})/g)].map((m) => m[1]);
    expect(days.slice(0, 3)).toEqual(['2019-12-01', '2019-12-02', '2019-12-03']);
  });

  it('as a command, stops on SIGTERM and exits 0', async () => {
    const { child, done } = startCli(['schedule', '--no-email'], target);
    let stdout = '';
    child.stdout!.on('data', (d) => (stdout += d));
    await until('a scheduled run has printed its summary', () => /evaluated \d{4}-\d{2}-\d{2}: 8 partners/.test(stdout));
    child.kill('SIGTERM');
    const result = await done;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('"msg":"schedule stopped"');
    // nothing was left half-done: the ledger shows no run still running
    const again = await runCli(['report', '--as-of', '2019-11-30', '--format', 'json'], target);
    expect(again.code, again.stderr).toBe(0);
  });
});
