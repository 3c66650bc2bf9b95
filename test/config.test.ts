// The configuration as read from the environment: each bad value names its variable (cli.md).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { UsageError } from '../src/errors.js';
import { ensureDirectory } from '../src/directories.js';
import { tempDir } from './helpers/database.js';

function refusal(env: Record<string, string>): string {
  try {
    loadConfig({ TIER_REVIEW_HOME: tempDir(), ...env });
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`accepted: ${JSON.stringify(env)}`);
}

describe('configuration', () => {
  it('a URL must parse and name a host: DATABASE_URL and SMTP_URL', () => {
    for (const url of ['mysql://x', 'postgres://', 'postgres://a:b@host:99999/db', 'postgres://[::1', 'not a url']) {
      expect(refusal({ DATABASE_URL: url }), url).toMatch(/^configuration: DATABASE_URL must be a postgres/);
    }
    for (const url of ['smtp://', 'smtp://host:notaport', 'http://host', 'smtp//host']) {
      expect(refusal({ SMTP_URL: url }), url).toMatch(/^configuration: SMTP_URL must be an smtp/);
    }
    const ok = loadConfig({ TIER_REVIEW_HOME: tempDir(), DATABASE_URL: 'postgresql://u@db.example:5432/tier', SMTP_URL: 'smtps://u:p@mail.example:465' });
    expect([ok.databaseUrl, ok.smtpUrl]).toEqual(['postgresql://u@db.example:5432/tier', 'smtps://u:p@mail.example:465']);
    expect(loadConfig({ TIER_REVIEW_HOME: tempDir(), DATABASE_URL: 'postgres:///tier?host=/var/run/postgresql' }).databaseUrl).toContain('host=');
  });

  it('MAIL_FROM is an address, or a name and an address in angle brackets', () => {
    for (const from of ['notanaddress', 'a@b@c', 'Name <not-an-address>', '<a@b.example']) expect(refusal({ MAIL_FROM: from }), from).toMatch(/^configuration: MAIL_FROM /);
    for (const from of ['ops@example.com', 'APN Ops <ops@example.com>']) expect(loadConfig({ TIER_REVIEW_HOME: tempDir(), MAIL_FROM: from }).mailFrom).toBe(from);
  });

  it('REPORT_RECIPIENTS is a comma-separated list of addresses; empty items (a trailing comma) are skipped', () => {
    expect(refusal({ REPORT_RECIPIENTS: 'ops@example.com, not-an-address' })).toMatch(/^configuration: REPORT_RECIPIENTS must be comma-separated e-mail addresses/);
    expect(loadConfig({ TIER_REVIEW_HOME: tempDir(), REPORT_RECIPIENTS: ' ops@example.com,,lead@example.com, ' }).reportRecipients).toEqual(['ops@example.com', 'lead@example.com']);
  });

  it('LOG_LEVEL is one of the logger\'s levels; empty is unset', () => {
    expect(refusal({ LOG_LEVEL: 'loud' })).toMatch(/^configuration: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent/);
    expect(() => loadConfig({ TIER_REVIEW_HOME: tempDir(), LOG_LEVEL: '' })).not.toThrow();
    expect(() => loadConfig({ TIER_REVIEW_HOME: tempDir(), LOG_LEVEL: 'debug' })).not.toThrow();
  });

  it('TIER_REVIEW_HOME is a writable folder, or can be made in one; nothing is created', () => {
    const base = tempDir();
    const file = path.join(base, 'a-file');
    fs.writeFileSync(file, '');
    expect(refusal({ TIER_REVIEW_HOME: file })).toBe(`configuration: TIER_REVIEW_HOME is not a directory: ${file}`);
    expect(refusal({ TIER_REVIEW_HOME: path.join(file, 'home') })).toMatch(/^configuration: TIER_REVIEW_HOME cannot be used: ENOTDIR/);
    const nested = path.join(base, 'not', 'yet', 'there');
    expect(loadConfig({ TIER_REVIEW_HOME: nested }).home).toBe(nested);
    expect(fs.readdirSync(base)).toEqual(['a-file']);
    if (process.getuid?.() !== 0) {
      const locked = path.join(base, 'locked');
      fs.mkdirSync(locked, { mode: 0o500 });
      expect(refusal({ TIER_REVIEW_HOME: path.join(locked, 'home') })).toMatch(/cannot be created: .* is not writable/);
    }
  });

  it('an empty TZ is UTC, as the C library reads it', () => {
    const zone = loadConfig({ TIER_REVIEW_HOME: tempDir(), TZ: '' }).timeZone;
    expect(zone === 'UTC' || zone === Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(true);
    expect(zone).not.toBe('Etc/Unknown');
  });
});

describe('the home\'s folders', () => {
  it('are made level by level, and an existing one is kept', () => {
    const base = tempDir();
    const deep = path.join(base, 'a', 'b', 'c');
    ensureDirectory(deep);
    ensureDirectory(deep);
    expect(fs.statSync(deep).isDirectory()).toBe(true);
  });

  it('fail with an error where the system refuses a new entry, instead of looping (as recursive mkdir does in /proc)', () => {
    if (!fs.existsSync('/proc/self')) return;
    expect(() => ensureDirectory('/proc/no-such-entry/home')).toThrow(/ENOENT/);
  });
});
