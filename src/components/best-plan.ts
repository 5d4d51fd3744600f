/**
 * The best plan in words: "Pivot 60 % of the site in month 18: Δ +$31M; pivoting now instead gives
 * +$22M, so waiting is worth $9M." Pure functions of the plan and its grid, tested on their own.
 */
import { formatValue, money } from '../charts/format.ts';
import { bestPlan, type BestPlan, type PlanGrid } from '../model/best.ts';

/** A Δ with its sign: "+$31M", "−$4.2M", "$0". */
export function signedMoney(v: number): string {
  return v > 0 && money(v) !== '$0' ? `+${money(v)}` : money(v);
}

/** "60 % of the site", "the whole site". */
function what(share: number): string {
  return share >= 100 ? 'the whole site' : `${formatValue('%', share)} of the site`;
}

/** "now", "in month 18". */
function when(start: number): string {
  return start === 0 ? 'now' : `in month ${start}`;
}

/** The best plan among the shares above 0 (what pivoting at all would do best), or null when none is finite. */
export function bestPivot(grid: PlanGrid): BestPlan | null {
  const nx = grid.shares.length;
  const cols: number[] = [];
  for (let i = 0; i < nx; i++) if (grid.shares[i]! > 0) cols.push(i);
  if (cols.length === 0) return null;
  const pick = (values: ArrayLike<number>) => {
    const out: number[] = [];
    for (let j = 0; j < grid.starts.length; j++) for (const i of cols) out.push(values[j * nx + i]!);
    return out;
  };
  try {
    return bestPlan({
      shares: cols.map((i) => grid.shares[i]!),
      starts: grid.starts,
      npvPivot: pick(grid.npvPivot),
      delta: pick(grid.delta),
    });
  } catch {
    return null;
  }
}

/**
 * The sentence: the plan, its Δ and what waiting for it is worth; when the best is not to pivot,
 * what the best pivot would do instead (`pivot`, see bestPivot).
 */
export function planSentence(plan: BestPlan, pivot?: BestPlan | null): string {
  if (plan.pivotSharePct === 0) {
    const instead = pivot
      ? ` The best pivot, ${what(pivot.pivotSharePct)} ${when(pivot.pivotStartMonth)}, would give Δ ${signedMoney(pivot.delta)}.`
      : '';
    return `Keep mining the whole site: no pivot on this map raises the NPV (Δ ${signedMoney(plan.delta)}).${instead}`;
  }
  const head = `Pivot ${what(plan.pivotSharePct)} ${when(plan.pivotStartMonth)}: Δ ${signedMoney(plan.delta)}`;
  if (plan.pivotStartMonth === 0) return `${head}; waiting for a later month is worth nothing on this map.`;
  return `${head}; pivoting now instead gives ${signedMoney(plan.deltaNow)}, so waiting is worth ${money(plan.valueOfWaiting)}.`;
}
