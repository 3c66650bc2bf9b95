import { describe, expect, it } from 'vitest';
import { hostSpeedLine } from '../../bench/format.js';
import type { BenchResult } from '../../bench/bench.js';
import { javascriptWorkload, median } from '../../bench/host-speed.js';

describe('host speed probes', () => {
  it('takes the median of the tries', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('runs the same JavaScript work every time (same checksum)', () => {
    expect(javascriptWorkload(10_000)).toBe(javascriptWorkload(10_000));
    expect(javascriptWorkload(10_000)).not.toBe(javascriptWorkload(10_001));
  });

  it('prints both probes, and nothing for a result saved before they existed', () => {
    const withProbes = { host: { cpu: { start: 0.512, end: 0.634 }, sql: { start: 0.7, end: 0.81 } } } as BenchResult;
    expect(hostSpeedLine(withProbes)).toBe('Host speed (fixed workloads of bench/host-speed.ts; more seconds: a slower host): '
      + 'JavaScript 0.51 s at the start, 0.63 s at the end; SQL on the server 0.70 s at the start, 0.81 s at the end.');
    expect(hostSpeedLine({ host: { cpu: { start: 0.5, end: 0.5 }, sql: null } } as BenchResult)).not.toContain('SQL');
    expect(hostSpeedLine({} as BenchResult)).toBeNull();
  });
});
