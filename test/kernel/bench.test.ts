// The benchmark's output is a public interface (README): one JSON object per line and
// measurement. Its figures are read by people, never asserted here; this checks the shape.
// W1–W3 sweep version-1 scenarios over 15 years; W2R sweeps W2's grid over 15 years with the
// network's response on; W4 and W5 sweep probPivotWins over Monte Carlo paths and E1 evaluates the
// version-2 default scenario, both over 10 years (the version-2 default horizon). Monte Carlo lines
// (W4, W5, E1) add `paths`, and their cellMonthsPerSec counts cell × path × month.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('npm run bench -- --quick', () => {
  it('prints one measurement a line with the documented fields, for every workload and implementation', () => {
    const run = spawnSync(process.execPath, ['build/node/bench/bench.js', '--quick'], { cwd: root, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const seen = lines.map((l) => `${l.workload}/${l.impl}`);
    const months: Record<string, number> = { W1: 180, W2: 180, W3: 180, W2R: 180, W4: 120, W5: 120, E1: 120 };
    const monteCarlo = new Set(['W4', 'W5', 'E1']);
    for (const w of Object.keys(months)) for (const impl of ['wasm', 'wasm-simd', 'ts']) expect(seen).toContain(`${w}/${impl}`);
    for (const l of lines) {
      const paths = monteCarlo.has(l.workload) ? ['paths'] : [];
      expect(Object.keys(l).sort()).toEqual(
        ['cellMonthsPerSec', 'cells', 'impl', 'months', 'ms', 'workload', ...paths, ...(l.sampled ? ['sampled'] : [])].sort(),
      );
      expect(l.months).toBe(months[l.workload]);
      if (paths.length) expect(Number.isInteger(l.paths) && l.paths > 0).toBe(true);
      expect(l.ms).toBeGreaterThan(0);
      expect(Number.isFinite(l.ms)).toBe(true);
      // cell-months (× paths) per second follows from the other fields (ms is printed to 3 decimals)
      const implied = (l.cells * l.months * (l.paths ?? 1)) / (l.ms / 1000);
      expect(Math.abs(l.cellMonthsPerSec - implied) / implied).toBeLessThan(0.01);
    }
    // the slow reference is timed on a sample of a sweep's cells and says so; E1, one evaluate, is timed whole
    expect(lines.filter((l) => l.impl === 'ts' && l.workload !== 'E1').every((l) => l.sampled === true)).toBe(true);
    expect(lines.find((l) => l.impl === 'ts' && l.workload === 'E1')?.sampled).toBeUndefined();
  }, 120_000);
});
