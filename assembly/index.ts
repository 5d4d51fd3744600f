// The kernel's public surface: re-exports only.
export * from './consensus';
export {
  inputPtr, monthFieldPtr, eventFieldPtr, retargetTotal, halvingTotal, projectNetwork,
  MAX_MONTHS, MAX_EVENTS,
} from './network';
export { evaluate, cashFlowPtr, resultPtr, N_RESULTS } from './economics';
export { priceMonths } from './network';
export { sweepAxisPtr, sweepBegin, sweepReserve, sweepRows, MAX_AXIS } from './sweep';
