/** `project` and `evaluate`: the model on one scenario, run by the WASM kernel. */
import { MONTH_FIELDS, type MonteCarloFigures, type MonthsPercentiles, type Percentiles } from '../model/results.ts';
import { createNodeModel } from '../kernel/load-node.ts';
import { isoAt } from '../model/scenario/dates.ts';
import { FORMAT_OPTION, SCENARIO_HELP, SCENARIO_OPTIONS, formatOf, type Command } from './args.ts';
import { loadScenario } from './input.ts';
import { cashFlowsCsv, projectionCsv } from '../model/csv.ts';
import { toJson } from './output.ts';

export const projectCommand: Command = {
  name: 'project',
  summary: 'network projection: months, retargets, halvings',
  help: `Usage: hashpivot project <scenario> [--preset NAME] [--set KEY=VALUE]... [--format json|csv]

Prints the network projection over the scenario's horizon:
  {"months": [...], "retargets": [...], "halvings": [...]}
months[]: month (1-based), endHeight, difficulty, hashrateEhs, blocks, btcIssued, feesBtc,
  btcPriceUsd (mid-month), hashpriceUsdPerPhDay, securityBudgetUsdPerDay, attackHardwareUsd,
  attackPowerUsdPerHour, attackRewardUsdPerHour, targetHashrateEhs and
  marginalHashcostUsdPerPhDay (the network's target and marginal hashcost at the month's start;
  null when networkResponsePctPerMonth is 0).
retargets[]: height (first block at the new difficulty), time (ISO 8601 UTC), difficulty.
halvings[]: height, time (ISO 8601 UTC), subsidyBtc.
--format csv prints the months only, with those names as the header (an empty field for null).

${SCENARIO_HELP}`,
  options: { ...SCENARIO_OPTIONS, ...FORMAT_OPTION },
  maxPositionals: 1,
  async run(ctx) {
    const format = formatOf(ctx.values);
    const { inputs, startMs } = await loadScenario(ctx);
    const projection = createNodeModel().project(inputs);
    if (format === 'csv') {
      ctx.io.stdout(projectionCsv(projection));
      return;
    }
    ctx.io.stdout(
      toJson({
        months: projection.months.map((m) => Object.fromEntries(MONTH_FIELDS.map((c) => [c, m[c]]))),
        retargets: projection.retargets.map((r) => ({ height: r.height, time: isoAt(startMs, r.seconds), difficulty: r.difficulty })),
        halvings: projection.halvings.map((h) => ({ height: h.height, time: isoAt(startMs, h.seconds), subsidyBtc: h.subsidyBtc })),
      }),
    );
  },
};

export const evaluateCommand: Command = {
  name: 'evaluate',
  summary: 'keep mining vs pivot: NPVs, breakevens, IRR, payback, cash flows',
  help: `Usage: hashpivot evaluate <scenario> [--preset NAME] [--set KEY=VALUE]... [--format json|csv]

Prints, in US dollars (null where none exists):
  {"npv": {"mine", "pivot"}, "delta", "breakeven": {"leaseRate", "btcPrice"}, "irr",
   "paybackMonth", "discountedPaybackMonth",
   "perMwYear": {"mine": {"revenue", "ebitda"}, "pivot": {...}},
   "cashFlows": {"mine": [...], "pivot": [...]},
   "monteCarlo": {"paths", "seed", "probPivotWins", "deltaMean", "deltaP5", "deltaP50",
                  "deltaP95", "npvMeanMine", "npvMeanPivot"},
   "monthsP": {"btcPriceUsd": {"p5": [...], "p50": [...], "p95": [...]},
               "hashpriceUsdPerPhDay": {...}, "hashrateEhs": {...}}}
delta = NPV(pivot) - NPV(keep mining): positive means pivot. irr is a fraction a year.
npv, delta, breakeven, irr and the paybacks are the deterministic model's (no volatility).
monteCarlo holds the figures over the scenario's BTC price paths (monteCarloPaths paths from
monteCarloSeed); monthsP the 5th, 50th and 95th percentiles of each month over those paths.
Both are null when btcVolatilityPctPerYear is 0.
--format csv prints the monthly cash flows: month,mine,pivot,delta.

${SCENARIO_HELP}`,
  options: { ...SCENARIO_OPTIONS, ...FORMAT_OPTION },
  maxPositionals: 1,
  async run(ctx) {
    const format = formatOf(ctx.values);
    const { inputs } = await loadScenario(ctx);
    const e = createNodeModel().evaluate(inputs);
    if (format === 'csv') {
      ctx.io.stdout(cashFlowsCsv(e));
      return;
    }
    ctx.io.stdout(
      toJson({
        npv: { mine: e.npv.mine, pivot: e.npv.pivot },
        delta: e.delta,
        breakeven: { leaseRate: e.breakeven.leaseRate, btcPrice: e.breakeven.btcPrice },
        irr: e.irr,
        paybackMonth: e.paybackMonth,
        discountedPaybackMonth: e.discountedPaybackMonth,
        perMwYear: e.perMwYear,
        cashFlows: { mine: e.cashFlows.mine, pivot: e.cashFlows.pivot },
        monteCarlo: monteCarloJson(e.monteCarlo),
        monthsP: monthsPJson(e.monthsP),
      }),
    );
  },
};

/** `monteCarlo` with its fields in the public order. */
function monteCarloJson(mc: MonteCarloFigures | null) {
  if (!mc) return null;
  const { paths, seed, probPivotWins, deltaMean, deltaP5, deltaP50, deltaP95, npvMeanMine, npvMeanPivot } = mc;
  return { paths, seed, probPivotWins, deltaMean, deltaP5, deltaP50, deltaP95, npvMeanMine, npvMeanPivot };
}

/** `monthsP` with its fields in the public order. */
function monthsPJson(p: MonthsPercentiles | null) {
  if (!p) return null;
  const each = ({ p5, p50, p95 }: Percentiles) => ({ p5, p50, p95 });
  return { btcPriceUsd: each(p.btcPriceUsd), hashpriceUsdPerPhDay: each(p.hashpriceUsdPerPhDay), hashrateEhs: each(p.hashrateEhs) };
}
