// The benchmark's output is a public interface (README): one JSON object per line and
// measurement. Its figures are read by people, never asserted here; this checks the shape.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('npm run bench -- --quick', () => {
  it('prints one measurement a line with the documented fields, for every workload and implementation', () => {
    const run = spawnSync(process.execPath, ['build/node/bench/bench.js', '--quick'], { cwd: root, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
    const seen = lines.map((l) => `${l.workload}/${l.impl}`);
    for (const w of ['W1', 'W2', 'W3']) for (const impl of ['wasm', 'wasm-simd', 'ts']) expect(seen).toContain(`${w}/${impl}`);
    for (const l of lines) {
      expect(Object.keys(l).sort()).toEqual(['cellMonthsPerSec', 'cells', 'impl', 'months', 'ms', 'workload', ...(l.sampled ? ['sampled'] : [])].sort());
      expect(l.months).toBe(180); // the workloads' 15-year horizon
      expect(l.ms).toBeGreaterThan(0);
      expect(Number.isFinite(l.ms)).toBe(true);
      // cell-months per second follows from the other fields (ms is printed to 3 decimals)
      const implied = (l.cells * l.months) / (l.ms / 1000);
      expect(Math.abs(l.cellMonthsPerSec - implied) / implied).toBeLessThan(0.01);
    }
    // the slow reference is timed on a sample and says so
    expect(lines.filter((l) => l.impl === 'ts').every((l) => l.sampled === true)).toBe(true);
  }, 120_000);
});
