/**
 * The typed facade over the WASM kernel: writes a scenario into the kernel's input block, runs it
 * and reads the results back as the shapes of model/results.ts, every block addressed by name
 * (model/kernel-interface.ts). NaN (the kernel's "none") becomes null.
 */
import { MODEL_KEYS, type ModelInputs } from '../model/keys.ts';
import {
  CASH_FLOW,
  EVENT_FIELD,
  INPUT,
  KERNEL_MONTH_FIELDS,
  MONTE_CARLO,
  MONTE_CARLO_FIELDS,
  MONTH_FIELD,
  PERCENTILE_FIELD,
  PERCENTILE_FIELDS,
  PERCENTILES,
  RESULT,
  RESULTS,
  type ResultName,
} from '../model/kernel-interface.ts';
import type {
  Evaluation,
  HalvingEvent,
  Model,
  MonteCarloFigures,
  MonthRow,
  MonthsPercentiles,
  Percentiles,
  Projection,
  RetargetEvent,
} from '../model/results.ts';
import type { KernelExports } from './wasm.ts';

const noneToNull = (v: number): number | null => (Number.isNaN(v) ? null : v);

export interface WasmModel extends Model {
  /** The kernel instance, for the sweep and the benchmark. */
  readonly exports: KernelExports;
}

/** Writes `inputs` into the kernel's input block, each key at its own position. */
export function writeInputs(k: KernelExports, inputs: ModelInputs): void {
  const block = new Float64Array(k.memory.buffer, k.inputPtr(), k.N_INPUTS.value);
  for (const key of MODEL_KEYS) block[INPUT[key]] = inputs[key];
}

export function createModel(k: KernelExports): WasmModel {
  // A u32 pointer arrives signed past 2 GB of memory: >>> 0 reads it as the address it is.
  const f64 = (ptr: number, n: number) => new Float64Array(k.memory.buffer, ptr >>> 0, n);

  const readMonths = (n: number): MonthRow[] => {
    const cols = KERNEL_MONTH_FIELDS.map((name) => f64(k.monthFieldPtr(MONTH_FIELD[name]), n));
    return Array.from({ length: n }, (_, m) => {
      const row = { month: m + 1 } as Record<keyof MonthRow, number | null>;
      KERNEL_MONTH_FIELDS.forEach((name, i) => (row[name] = noneToNull(cols[i][m])));
      return row as MonthRow;
    });
  };

  const readEvents = (): { retargets: RetargetEvent[]; halvings: HalvingEvent[] } => {
    const nr = k.retargetTotal();
    const nh = k.halvingTotal();
    const col = (field: keyof typeof EVENT_FIELD, n: number) => f64(k.eventFieldPtr(EVENT_FIELD[field]), n);
    const [rh, rt, rd] = [col('retargetHeight', nr), col('retargetSeconds', nr), col('retargetDifficulty', nr)];
    const [hh, ht, hs] = [col('halvingHeight', nh), col('halvingSeconds', nh), col('halvingSubsidyBtc', nh)];
    return {
      retargets: Array.from({ length: nr }, (_, i) => ({ height: rh[i], seconds: rt[i], difficulty: rd[i] })),
      halvings: Array.from({ length: nh }, (_, i) => ({ height: hh[i], seconds: ht[i], subsidyBtc: hs[i] })),
    };
  };

  /** The result block by name. */
  const readResults = (): Record<ResultName, number> => {
    const block = f64(k.resultPtr(), k.N_RESULTS.value);
    return Object.fromEntries(RESULTS.map((name) => [name, block[RESULT[name]]])) as Record<ResultName, number>;
  };

  /** The Monte Carlo block by name, after an evaluate() with σ > 0. */
  const readMonteCarlo = (): MonteCarloFigures => {
    const block = f64(k.monteCarloPtr(), k.N_MCS.value);
    return Object.fromEntries(MONTE_CARLO_FIELDS.map((name) => [name, block[MONTE_CARLO[name]]])) as unknown as MonteCarloFigures;
  };

  const readMonthsP = (n: number): MonthsPercentiles => {
    const field = (name: (typeof PERCENTILE_FIELDS)[number]): Percentiles => {
      const at = (q: keyof typeof PERCENTILES) =>
        Array.from({ length: n }, (_, m) => k.monthsPercentile(PERCENTILE_FIELD[name], m, PERCENTILES[q]));
      return { p5: at('p5'), p50: at('p50'), p95: at('p95') };
    };
    return Object.fromEntries(PERCENTILE_FIELDS.map((name) => [name, field(name)])) as unknown as MonthsPercentiles;
  };

  return {
    exports: k,
    project(inputs: ModelInputs): Projection {
      writeInputs(k, inputs);
      const n = k.projectNetwork();
      k.priceMonths();
      return { months: readMonths(n), ...readEvents() };
    },
    evaluate(inputs: ModelInputs): Evaluation {
      writeInputs(k, inputs);
      k.evaluate();
      const n = 12 * inputs.horizonYears;
      const r = readResults();
      const flows = (path: keyof typeof CASH_FLOW) => Array.from(f64(k.cashFlowPtr(CASH_FLOW[path]), n));
      return {
        npv: { mine: r.npvMine, pivot: r.npvPivot },
        delta: r.delta,
        breakeven: { leaseRate: noneToNull(r.breakevenLeaseRate), btcPrice: noneToNull(r.breakevenBtcPrice) },
        irr: noneToNull(r.irr),
        paybackMonth: noneToNull(r.paybackMonth),
        discountedPaybackMonth: noneToNull(r.discountedPaybackMonth),
        perMwYear: {
          mine: { revenue: r.mineRevenuePerMwYear, ebitda: r.mineEbitdaPerMwYear },
          pivot: { revenue: r.pivotRevenuePerMwYear, ebitda: r.pivotEbitdaPerMwYear },
        },
        cashFlows: { mine: flows('mine'), pivot: flows('pivot') },
        monteCarlo: inputs.btcVolatilityPctPerYear > 0 ? readMonteCarlo() : null,
        monthsP: inputs.btcVolatilityPctPerYear > 0 ? readMonthsP(n) : null,
      };
    },
  };
}
