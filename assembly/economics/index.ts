// The miner (docs/model.md §3), the pivot (§4) and the outputs (§5) on top of a projected network.
export { prepareFinance, prepareMining, preparePivot } from './tables';
export {
  cashFlowPtr, computeBreakevenBtcPrice, computeCore, computeIrr, computePayback, evaluate, resultPtr, results,
} from './outputs';
