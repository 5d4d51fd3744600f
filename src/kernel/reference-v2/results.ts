/**
 * The outputs of the model's version 2 are the model's public shapes (src/model/results.ts: the
 * month fields of docs/model.md §7.4 and `evaluate`'s Monte Carlo figures of §7.5); these names
 * keep the reference's own vocabulary.
 */
export { MONTH_FIELDS as MONTH_FIELDS_V2 } from '../../model/results.ts';
export type {
  Evaluation as EvaluationV2,
  MonteCarloFigures,
  MonthRow as MonthRowV2,
  MonthsPercentiles,
  Percentiles,
  Projection as ProjectionV2,
} from '../../model/results.ts';
