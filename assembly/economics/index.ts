// The miner (docs/model.md §3), the pivot (§4) and the outputs (§5) on top of a projected network.
export { prepare, prepareFinance, prepareMining, preparePivot } from './tables';
export { cashFlows, midPrices, npvMine, npvPivot, usePathPrices } from './cashflows';
export {
  cashFlowPtr, computeBreakevenBtcPrice, computeCore, computeIrr, computePayback, finishEvaluation, resultPtr,
  results,
} from './outputs';
