// Fresh databases on a PostgreSQL server for one benchmark run (the job's and the psql baseline's),
// so that nothing of an earlier run (a snapshot whose file is unchanged, stored days) skews it.
import crypto from 'node:crypto';
import pg from 'pg';

export interface FreshDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

function withDatabase(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(serverUrl: string, body: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl, application_name: 'tier-review bench', connectionTimeoutMillis: 5_000 });
  client.on('error', () => {});
  await client.connect();
  try {
    return await body(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Creates an empty database on the server of `serverUrl` (which must allow CREATE DATABASE). */
export async function createFreshDatabase(serverUrl: string, prefix: string): Promise<FreshDatabase> {
  const name = `${prefix}_${crypto.randomBytes(5).toString('hex')}`;
  await admin(serverUrl, (c) => c.query(`create database ${name}`));
  return {
    name,
    url: withDatabase(serverUrl, name),
    async drop() {
      await admin(serverUrl, (c) => c.query(`drop database if exists ${name} with (force)`));
    },
  };
}

/** Null when the server runs `statement`; else why not. */
async function refusal(serverUrl: string, statement: string): Promise<string | null> {
  try {
    await admin(serverUrl, (c) => c.query(statement));
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Null when the server answers; else why not. */
export function unreachable(serverUrl: string): Promise<string | null> {
  return refusal(serverUrl, 'select 1');
}

export async function serverVersion(serverUrl: string): Promise<string> {
  return admin(serverUrl, async (c) => {
    const { rows } = await c.query<{ server_version: string }>('show server_version');
    return `PostgreSQL ${rows[0]?.server_version ?? '?'}`;
  });
}

/**
 * Asks the server for a checkpoint, so that a measured stage neither pays for writing back the
 * previous stage's buffers nor starts a WAL-triggered checkpoint at a random point of its own.
 * Null when done; else why not (it needs superuser or pg_checkpoint, PostgreSQL 15).
 */
export function checkpoint(serverUrl: string): Promise<string | null> {
  return refusal(serverUrl, 'checkpoint');
}

/** The URL without a password, for results and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparsable URL)';
  }
}
