// The network panel's chart specs (src/components/network-series.ts) over the Node kernel's projections.
import { describe, expect, it } from 'vitest';
import { formatValue } from '../../src/charts/format.ts';
import { seriesSvg } from '../../src/charts/series.ts';
import { networkCharts } from '../../src/components/network-series.ts';
import { createNodeModel } from '../../src/kernel/load-node.ts';
import { resolveInputs } from '../../src/model/scenario/resolve.ts';

const model = createNodeModel();

describe('network charts', () => {
  it('show the scenario alone without an exit wave, and beside it without the exit when it has one', () => {
    const plain = resolveInputs({ version: 2 });
    const alone = networkCharts(plain, model.project(plain), null);
    expect(alone.map((c) => c.id)).toEqual([
      'net-hashrate',
      'net-difficulty',
      'net-hashprice',
      'net-security',
      'net-attack-hardware',
      'net-attack-hour',
    ]);
    expect(alone.map((c) => c.spec.lines.length)).toEqual([2, 1, 2, 1, 1, 2]);

    const inputs = resolveInputs({ version: 2, exitSharePct: 30, exitMonth: 6 });
    const withExit = model.project(inputs);
    const without = model.project({ ...inputs, exitSharePct: 0 });
    const charts = networkCharts(inputs, withExit, without);
    expect(charts.map((c) => c.spec.lines.length)).toEqual([4, 2, 4, 2, 2, 4]);
    for (const c of charts) {
      // No two lines of a chart share a dash: none is told apart by colour alone.
      const dashes = c.spec.lines.map((l) => l.dash ?? 'solid');
      expect(new Set(dashes).size, c.id).toBe(dashes.length);
      // The exit is marked where it happens: the end of month 6.
      expect(c.spec.rules).toContainEqual({ seconds: 6 * 2_629_800, label: '30 % leave' });
      expect(c.description, c.id).not.toMatch(/NaN|Infinity|undefined|none/);
      expect(() => seriesSvg({ ...c.spec, width: 358, height: 220, startMs: 0, label: c.description })).not.toThrow();
    }
    // The CSV's table: each line month by month, as the projection has it.
    expect(charts[0]!.table.map((c) => c.name)).toEqual(['hashrate', 'hashrate, no exit', 'target N*', 'target N*, no exit']);
    expect(charts[0]!.table[3]!.values).toEqual(without.months.map((r) => r.targetHashrateEhs));
    expect(charts[1]!.table[0]!.values).toEqual(withExit.months.map((r) => r.difficulty));
    // The words read the projection: month 1's and month 120's hashrate, with and without the exit.
    const h = (v: number) => formatValue('EH/s', v, { sig: 3 });
    const [m1, m120] = [withExit.months[0]!, withExit.months[119]!];
    expect(charts[0]!.description).toContain(`hashrate: ${h(m1.hashrateEhs)} in month 1, ${h(m120.hashrateEhs)} in month 120`);
    expect(charts[0]!.description).toContain(`hashrate, no exit: ${h(without.months[0]!.hashrateEhs)} in month 1`);
    // The lowest hashrate with the exit comes after it (month 7 or later), below the level without it.
    const low = /hashrate: .*?\(lowest (.+?) in month (\d+),/.exec(charts[0]!.description)!;
    expect(Number(low[2])).toBeGreaterThanOrEqual(7);
  });

  it('leave out N* and the marginal hashcost when the network does not respond (λ = 0)', () => {
    const inputs = resolveInputs({ version: 2, networkResponsePctPerMonth: 0 });
    const charts = networkCharts(inputs, model.project(inputs), null);
    expect(charts[0]!.spec.lines.map((l) => l.name)).toEqual(['hashrate']);
    expect(charts[2]!.spec.lines.map((l) => l.name)).toEqual(['hashprice']);
  });
});
