/**
 * What an exit wave does to the miners who stay (docs/model.md §7.1, §8): three figures read off two
 * projections of the same scenario, one with the exit and one without it, and a sentence that says
 * them. The exit happens at the end of month `exitMonth` (docs/model.md §2).
 *
 * - The jump: the hashprice of the first whole month after the exit's first retarget, against the
 *   month before the exit.
 * - The recovery: the hashrate in the first month after the exit whose hashrate is within 1 % of
 *   that month's target N*, against the hashrate of the month before the exit.
 * - The kept gain: the hashprice in that month, against the same month without the exit.
 *
 * With the exit at t0 (`exitMonth` 0) there is no month before it: the first month without the exit
 * stands in for it. A figure the horizon does not reach is null, and the sentence says so.
 */
import { MONTH_SECONDS } from './keys.ts';
import type { MonthRow, Projection } from './results.ts';

/** How close to its target the hashrate must come to count as recovered. */
export const RECOVERY_TOLERANCE = 0.01;

export interface ExitWaveFigure {
  /** The 1-based month the figure is read in. */
  month: number;
  /** That month's value over the value it is measured against. */
  ratio: number;
}

export interface ExitWave {
  sharePct: number;
  exitMonth: number;
  /** Null when no retarget follows the exit with a whole month after it within the horizon. */
  jump: ExitWaveFigure | null;
  /** Null when the hashrate never comes within 1 % of its target within the horizon (always with λ = 0). */
  recovery: ExitWaveFigure | null;
  /** Null when the recovery is. */
  keptGain: ExitWaveFigure | null;
}

/**
 * The three figures, or null when the scenario has no exit wave (a share of 0 or an exit after the
 * horizon). `without` is the projection of the same scenario with `exitSharePct` 0.
 */
export function exitWave(inputs: { exitSharePct: number; exitMonth: number }, withExit: Projection, without: Projection): ExitWave | null {
  const { exitSharePct: sharePct, exitMonth } = inputs;
  const months = withExit.months;
  if (!(sharePct > 0) || exitMonth >= months.length || without.months.length !== months.length) return null;
  const before = (exitMonth >= 1 ? months : without.months)[Math.max(exitMonth, 1) - 1];
  const at = (m: number): MonthRow => months[m - 1];

  const exitSeconds = exitMonth * MONTH_SECONDS;
  const retarget = withExit.retargets.find((r) => r.seconds > exitSeconds);
  // The month the retarget falls in is partly at the old difficulty: the jump is read in the next.
  const jumpMonth = retarget === undefined ? undefined : Math.floor(retarget.seconds / MONTH_SECONDS) + 2;
  const jump =
    jumpMonth !== undefined && jumpMonth <= months.length
      ? figure(jumpMonth, at(jumpMonth).hashpriceUsdPerPhDay, before.hashpriceUsdPerPhDay)
      : null;

  let recovery: ExitWaveFigure | null = null;
  for (let m = exitMonth + 1; m <= months.length && recovery === null; m++) {
    const row = at(m);
    const target = row.targetHashrateEhs;
    if (target !== null && Math.abs(row.hashrateEhs - target) <= RECOVERY_TOLERANCE * target) {
      recovery = figure(m, row.hashrateEhs, before.hashrateEhs);
    }
  }
  const keptGain =
    recovery === null
      ? null
      : figure(recovery.month, at(recovery.month).hashpriceUsdPerPhDay, without.months[recovery.month - 1].hashpriceUsdPerPhDay);
  return { sharePct, exitMonth, jump, recovery, keptGain };
}

function figure(month: number, value: number, against: number): ExitWaveFigure | null {
  const ratio = value / against;
  return Number.isFinite(ratio) ? { month, ratio } : null;
}

const pct = (x: number) => `${Math.round(Math.abs(x) * 100)} %`;

/** The sentence the network panel shows, e.g. "After 30 % of the hashrate leaves at the end of month 6, …". */
export function exitWaveSentence(wave: ExitWave): string {
  const when = wave.exitMonth === 0 ? 'at the start' : `at the end of month ${wave.exitMonth}`;
  const parts = [`After ${pct(wave.sharePct / 100)} of the hashrate leaves ${when}`];
  const { jump, recovery, keptGain } = wave;
  if (jump === null) parts.push('no retarget follows within the horizon, so the miners who stay earn no more per PH/s before it ends');
  else if (Math.round((jump.ratio - 1) * 100) === 0) parts.push('the miners who stay earn about the same per PH/s after the next retarget');
  else parts.push(`the miners who stay earn ${pct(jump.ratio - 1)} ${jump.ratio > 1 ? 'more' : 'less'} per PH/s after the next retarget`);
  if (recovery === null || keptGain === null) {
    return `${parts.join(', ')}; the hashrate does not come back to within 1 % of its target within the horizon.`;
  }
  const gain = keptGain.ratio - 1;
  const kept =
    Math.round(gain * 100) === 0
      ? 'the survivors keep no gain'
      : gain > 0
        ? `the survivors keep a ${pct(gain)} gain`
        : `the survivors end up ${pct(gain)} worse off than without the exit`;
  // Whether miners came back, or the target fell to meet the hashrate left after the exit.
  const rose = recovery.ratio > 1 - wave.sharePct / 100 + 0.005;
  const level = rose
    ? `as others plug in, the hashrate recovers to ${pct(recovery.ratio)}`
    : `the hashrate settles at ${pct(recovery.ratio)}`;
  return `${parts.join(', ')}; ${level} of its old level by month ${recovery.month} and ${kept}.`;
}
