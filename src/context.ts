// What every job is handed: configuration, the clock and the output streams. Nothing reads the
// environment, the clock or the console behind a job's back, so tests pass their own.
import type { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';
import type { Config } from './config.js';

export interface JobContext {
  config: Config;
  now: () => Date;
  stdout: Writable;
  stderr: Writable & { isTTY?: boolean };
  log: Logger;
}

export function createLogger(stderr: Writable): Logger {
  return pino({ base: undefined, level: process.env.LOG_LEVEL || 'info' }, stderr as unknown as pino.DestinationStream);
}
