// The kernel's public surface: re-exports only. The names of its blocks' fields are in
// generated/interface.ts, written from the TS side's definition (src/model/kernel-interface.ts).
export * from './generated/interface';
export * from './consensus';
export {
  inputPtr, monthFieldPtr, eventFieldPtr, retargetTotal, halvingTotal, projectNetwork, priceMonths,
  MAX_MONTHS, MAX_EVENTS,
} from './network';
export { cashFlowPtr, resultPtr } from './economics';
export { evaluate, monteCarloPtr, monthsPercentile } from './evaluate';
export { sweepAxisPtr, sweepBegin, sweepPathRows, sweepPathsPtr, sweepReserve, sweepRows, MAX_AXIS } from './sweep';
