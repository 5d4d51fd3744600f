/**
 * The network panel's charts, as specs for src/charts/series.ts: the hashrate with its target N*,
 * the difficulty, the hashprice with the marginal hashcost, the security budget and the attack
 * figures (docs/model.md §7.1, §7.4). Each shows the scenario and, when it has an exit wave, the
 * same scenario without it. Colour tells the two scenarios apart (a pair that colour-blind readers
 * tell apart too) and every line has its own dash, so no line is told apart by colour alone.
 */
import { formatValue } from '../charts/format.ts';
import type { SeriesLine } from '../charts/series.ts';
import { toCsv, withUnit } from '../model/csv.ts';
import { MONTH_SECONDS, type ModelInputs } from '../model/keys.ts';
import type { MonthRow, Projection } from '../model/results.ts';
import { exitWaveSentence, type ExitWave } from '../model/exit-wave.ts';
import type { EmbedChart } from '../model/url/format.ts';
import type { SeriesChart } from './detail-series.ts';

/** The network charts' titles, by id. */
export const NETWORK_TITLES = {
  'net-hashrate': 'Hashrate and its target N* (EH/s)',
  'net-difficulty': 'Difficulty (a pure number), with retargets (ticks)',
  'net-hashprice': 'Hashprice and the marginal hashcost (USD/PH/day)',
  'net-security': 'Security budget: what miners earn a day (USD/day)',
  'net-attack-hardware': 'Attack: machines to match the network (USD)',
  'net-attack-hour': "Attack: an hour's power, and what the network earns in an hour (USD/hour)",
} as const;
export type NetworkChartId = keyof typeof NETWORK_TITLES;

/** The chart an embed link names (`chart`, src/model/url/format.ts) for each network chart. */
export const NETWORK_CHART_IDS: Record<Exclude<EmbedChart, 'map'>, NetworkChartId> = {
  hashrate: 'net-hashrate',
  difficulty: 'net-difficulty',
  hashprice: 'net-hashprice',
  'security-budget': 'net-security',
  'attack-hardware': 'net-attack-hardware',
  'attack-cost': 'net-attack-hour',
};

export interface NetworkChart extends SeriesChart {
  id: NetworkChartId;
  /** The chart in words (its text alternative). */
  description: string;
  /** Its lines month by month (index 0 = month 1), in `spec.unit`: the CSV download. */
  table: { name: string; values: readonly (number | null)[] }[];
}

const WITH = 'var(--series-scenario, #0068a8)';
const WITHOUT = 'var(--series-no-exit, #c75000)';
/** Dashes: the main quantity with and without the exit, the second quantity with and without. */
const DASH = { main: undefined, mainWithout: '7 3', second: '1.5 2.5', secondWithout: '7 2.5 1.5 2.5' } as const;

type Value = (row: MonthRow) => number | null;
interface Quantity {
  name: string;
  value: Value;
  /** Where in its month a value belongs: a mean or mid-month price, or the month's start (N*, c). */
  at: 'mid' | 'start';
}

const MID = (m: number) => (m - 0.5) * MONTH_SECONDS;
const START = (m: number) => (m - 1) * MONTH_SECONDS;

/** A line per quantity and scenario; a quantity with no value in any month (N* with λ = 0) is left out. */
function quantityLines(quantities: Quantity[], withExit: Projection, without: Projection | null) {
  const out: { name: string; color: string; dash?: string; values: (number | null)[]; line: SeriesLine }[] = [];
  quantities.forEach((q, k) => {
    const runs: [Projection, string, string | undefined, string][] = [[withExit, WITH, k === 0 ? DASH.main : DASH.second, q.name]];
    if (without) runs.push([without, WITHOUT, k === 0 ? DASH.mainWithout : DASH.secondWithout, `${q.name}, no exit`]);
    for (const [projection, color, dash, name] of runs) {
      const values = projection.months.map(q.value);
      if (values.every((v) => v === null)) continue;
      const at = q.at === 'mid' ? MID : START;
      out.push({
        name,
        color,
        dash,
        values,
        line: { name, color, dash, points: projection.months.map((row, i) => [at(row.month), values[i]!]) },
      });
    }
  });
  return out;
}

/** "hashrate: 1.05k EH/s in month 1, 1.2k EH/s in month 120 (lowest 730 EH/s in month 7, highest …)". */
function describeLine(name: string, unit: string, values: readonly (number | null)[]): string {
  const f = (v: number) => formatValue(unit, v, { sig: 3 });
  const known = values
    .map((v, i) => [i + 1, v] as const)
    .filter((p): p is readonly [number, number] => p[1] !== null && Number.isFinite(p[1]));
  if (known.length === 0) return `${name}: none`;
  const [first, last] = [known[0]!, known[known.length - 1]!];
  let [lo, hi] = [first, first];
  for (const p of known) [lo, hi] = [p[1] < lo[1] ? p : lo, p[1] > hi[1] ? p : hi];
  return (
    `${name}: ${f(first[1])} in month ${first[0]}, ${f(last[1])} in month ${last[0]} ` +
    `(lowest ${f(lo[1])} in month ${lo[0]}, highest ${f(hi[1])} in month ${hi[0]})`
  );
}

function describe(title: string, unit: string, lines: { name: string; values: readonly (number | null)[] }[]): string {
  return `${title}, month by month. ${lines.map((l) => describeLine(l.name, unit, l.values)).join('; ')}.`;
}

/** The panel's charts; `without` is the scenario with exitSharePct 0, null when it has no exit wave. */
export function networkCharts(inputs: ModelInputs, withExit: Projection, without: Projection | null): NetworkChart[] {
  const endSeconds = inputs.horizonYears * 12 * MONTH_SECONDS;
  const halvings = withExit.halvings.map((h) => ({ seconds: h.seconds, label: `halving → ${h.subsidyBtc} BTC` }));
  const rules = [...halvings];
  if (without && inputs.exitMonth < withExit.months.length) {
    rules.push({ seconds: inputs.exitMonth * MONTH_SECONDS, label: `${inputs.exitSharePct} % leave` });
  }

  const chart = (id: NetworkChartId, unit: string, quantities: Quantity[], zero = false): NetworkChart => {
    const lines = quantityLines(quantities, withExit, without);
    const title = NETWORK_TITLES[id];
    return {
      id,
      title,
      description: describe(title, unit, lines),
      table: lines.map(({ name, values }) => ({ name, values })),
      spec: { endSeconds, unit, zero, rules, lines: lines.map((l) => l.line) },
    };
  };

  // The difficulty steps at each retarget; the text alternative reads it at each month's end.
  const steps = (p: Projection): [number, number][] => [
    [0, inputs.startDifficulty],
    ...p.retargets.map((r): [number, number] => [r.seconds, r.difficulty]),
  ];
  const difficultyLines: (SeriesLine & { values: number[] })[] = [
    {
      name: 'difficulty',
      color: WITH,
      dash: DASH.main,
      points: steps(withExit),
      step: true,
      values: withExit.months.map((r) => r.difficulty),
    },
  ];
  if (without) {
    difficultyLines.push({
      name: 'difficulty, no exit',
      color: WITHOUT,
      dash: DASH.mainWithout,
      points: steps(without),
      step: true,
      values: without.months.map((r) => r.difficulty),
    });
  }
  const difficultyTitle = NETWORK_TITLES['net-difficulty'];

  return [
    chart('net-hashrate', 'EH/s', [
      { name: 'hashrate', value: (r) => r.hashrateEhs, at: 'mid' },
      { name: 'target N*', value: (r) => r.targetHashrateEhs, at: 'start' },
    ]),
    {
      id: 'net-difficulty',
      title: difficultyTitle,
      description: describe(`${difficultyTitle} at each month's end`, '', difficultyLines),
      table: difficultyLines.map(({ name, values }) => ({ name: `${name} at the month's end`, values })),
      spec: {
        endSeconds,
        unit: '',
        rules,
        rug: { seconds: withExit.retargets.map((r) => r.seconds), label: `${withExit.retargets.length} difficulty retargets` },
        lines: difficultyLines.map(({ values: _values, ...line }) => line),
      },
    },
    chart(
      'net-hashprice',
      'USD/PH/day',
      [
        { name: 'hashprice', value: (r) => r.hashpriceUsdPerPhDay, at: 'mid' },
        { name: 'marginal hashcost', value: (r) => r.marginalHashcostUsdPerPhDay, at: 'start' },
      ],
      true,
    ),
    chart('net-security', 'USD/day', [{ name: 'security budget', value: (r) => r.securityBudgetUsdPerDay, at: 'mid' }], true),
    chart('net-attack-hardware', 'USD', [{ name: 'hardware', value: (r) => r.attackHardwareUsd, at: 'mid' }], true),
    chart(
      'net-attack-hour',
      'USD/hour',
      [
        { name: 'power', value: (r) => r.attackPowerUsdPerHour, at: 'mid' },
        { name: 'reward', value: (r) => r.attackRewardUsdPerHour, at: 'mid' },
      ],
      true,
    ),
  ];
}

/** A network chart's lines month by month as CSV, units in the header: its download and an embed's data. */
export function networkChartCsv(chart: NetworkChart): string {
  const months = Math.max(0, ...chart.table.map((c) => c.values.length));
  const rows = Array.from({ length: months }, (_, k) => [k + 1, ...chart.table.map((c) => c.values[k] ?? null)]);
  return toCsv(['month', ...chart.table.map((c) => withUnit(c.name, chart.spec.unit, true))], rows);
}

/**
 * A network chart in words for an embed: its lines' first, last, lowest and highest values, which
 * line is which, and what the exit does to the miners who stay (the panel's sentence).
 */
export function networkEmbedDescription(
  chart: NetworkChart,
  inputs: ModelInputs,
  withoutExit: Projection | null,
  wave: ExitWave | null,
): string {
  const lines = withoutExit
    ? ` Solid and dotted lines: the scenario, where ${inputs.exitSharePct} % of the hashrate leaves at the end of month ${inputs.exitMonth}; dashed: the same scenario without the exit.`
    : '';
  return `${chart.description}${lines}${wave ? ` ${exitWaveSentence(wave)}` : ''}`;
}
