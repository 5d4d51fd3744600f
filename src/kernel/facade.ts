/**
 * The typed facade over the WASM kernel: writes a scenario into the kernel's input block, runs it
 * and reads the results back as the shapes of api.ts. NaN (the kernel's "none") becomes null.
 */
import { MODEL_KEYS, type ModelInputs } from '../model/keys.ts';
import { MONTH_FIELDS, type Evaluation, type HalvingEvent, type Model, type MonthRow, type Projection, type RetargetEvent } from '../model/results.ts';
import type { KernelExports } from './wasm.ts';

/** The kernel functions the facade uses; names as assembly/index.ts exports them. */
interface ModelExports {
  memory: WebAssembly.Memory;
  inputPtr(): number;
  projectNetwork(): number;
  priceMonths(): void;
  evaluate(): void;
  monthFieldPtr(field: number): number;
  eventFieldPtr(field: number): number;
  retargetTotal(): number;
  halvingTotal(): number;
  cashFlowPtr(which: number): number;
  resultPtr(): number;
  /** The length of the result block (assembly/economics.ts R_*). */
  N_RESULTS: WebAssembly.Global;
}

/** The fields the kernel fills, in the order of its monthFieldPtr(i). */
const KERNEL_MONTH_FIELDS = MONTH_FIELDS.slice(1) as Exclude<(typeof MONTH_FIELDS)[number], 'month'>[];

const noneToNull = (v: number): number | null => (Number.isNaN(v) ? null : v);

export interface WasmModel extends Model {
  /** The kernel instance, for the sweep and the benchmark. */
  readonly exports: KernelExports;
}

export function createModel(raw: KernelExports): WasmModel {
  const k = raw as unknown as ModelExports;
  const f64 = (ptr: number, n: number) => new Float64Array(k.memory.buffer, ptr, n);

  const load = (inputs: ModelInputs) => {
    const block = f64(k.inputPtr(), MODEL_KEYS.length);
    MODEL_KEYS.forEach((key, i) => (block[i] = inputs[key]));
  };

  const readMonths = (n: number): MonthRow[] => {
    const cols = KERNEL_MONTH_FIELDS.map((_, i) => f64(k.monthFieldPtr(i), n));
    return Array.from({ length: n }, (_, m) => {
      const row = { month: m + 1 } as MonthRow;
      KERNEL_MONTH_FIELDS.forEach((name, i) => (row[name] = cols[i][m]));
      return row;
    });
  };

  const readEvents = (): { retargets: RetargetEvent[]; halvings: HalvingEvent[] } => {
    const nr = k.retargetTotal();
    const nh = k.halvingTotal();
    const [rh, rt, rd] = [0, 1, 2].map((i) => f64(k.eventFieldPtr(i), nr));
    const [hh, ht, hs] = [3, 4, 5].map((i) => f64(k.eventFieldPtr(i), nh));
    return {
      retargets: Array.from({ length: nr }, (_, i) => ({ height: rh[i], seconds: rt[i], difficulty: rd[i] })),
      halvings: Array.from({ length: nh }, (_, i) => ({ height: hh[i], seconds: ht[i], subsidyBtc: hs[i] })),
    };
  };

  return {
    exports: raw,
    project(inputs: ModelInputs): Projection {
      load(inputs);
      const n = k.projectNetwork();
      k.priceMonths();
      return { months: readMonths(n), ...readEvents() };
    },
    evaluate(inputs: ModelInputs): Evaluation {
      load(inputs);
      k.evaluate();
      const n = 12 * inputs.horizonYears;
      const r = f64(k.resultPtr(), k.N_RESULTS.value);
      return {
        npv: { mine: r[0], pivot: r[1] },
        delta: r[2],
        breakeven: { leaseRate: noneToNull(r[3]), btcPrice: noneToNull(r[4]) },
        irr: noneToNull(r[5]),
        paybackMonth: noneToNull(r[6]),
        discountedPaybackMonth: noneToNull(r[7]),
        perMwYear: { mine: { revenue: r[8], ebitda: r[9] }, pivot: { revenue: r[10], ebitda: r[11] } },
        cashFlows: { mine: Array.from(f64(k.cashFlowPtr(0), n)), pivot: Array.from(f64(k.cashFlowPtr(1), n)) },
      };
    },
  };
}
