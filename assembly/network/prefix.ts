// Shared prefixes. Lanes that differ from another group only in the share that leaves at the exit
// shock are identical until the shock: a group's state just before any lane could reach its
// shock is kept in a slot, and later groups resume from it (lean projections only). A slot holds
// the loop state the lanes share, then per lane its running state and the months accrued so far.
import {
  lnAccEnd, lnAccMonth, lnBaseW, lnD, lnEpochFirst, lnMonth, lnMonths, lnPrevEnd, lnPrevTime, lnPrevW,
  lnWorkAtShock, MAX_LANES, MAX_MONTHS, mBtcPerHs, TWO_32,
} from './state';
import { RETARGET_INTERVAL } from '../consensus';
import { SlotStore } from './slots';

/** The projection loop's state, shared by the lanes of a group. */
@unmanaged export class LoopState {
  baseHeight: i32; // the last block before the current difficulty
  height: i32; // the last block found
  retargetAt: i32; // the next multiple of 2016
  halvingAt: i32; // the next multiple of 210,000
  active: i32; // lanes still running
}

/** One lane's running state (network/state.ts's ln* arrays at that lane). */
@unmanaged class LaneSnapshot {
  d: f64;
  prevTime: f64;
  prevW: f64;
  baseW: f64;
  epochFirst: f64;
  accEnd: f64;
  month: i32;
  prevEnd: i32;
  accMonth: i32;
}

@inline function align8(bytes: usize): usize {
  return (bytes + 7) & ~(<usize>7);
}

const LOOP_BYTES: usize = align8(offsetof<LoopState>());
const LANE_BYTES: usize = align8(offsetof<LaneSnapshot>());

let slotMonths: i32 = 0; // months of BTC per H/s a slot keeps per lane
let laneSlotBytes: usize = 0; // a lane's snapshot and its months
const slots = new SlotStore();

/** Forgets every slot and sizes them for prefixes of up to `months` months (a new sweep). */
export function resetPrefixes(months: i32): void {
  slotMonths = months + 1;
  laneSlotBytes = LANE_BYTES + (<usize>slotMonths << 3);
  slots.reset(LOOP_BYTES + <usize>MAX_LANES * laneSlotBytes);
}

export function prefixReady(slot: i32): bool {
  return slots.ready(slot);
}

/** The loop state kept in `slot`. */
export function slotLoop(slot: i32): LoopState {
  return changetype<LoopState>(slots.at(slot));
}

@inline function slotLane(slot: i32, l: i32): usize {
  return slots.at(slot) + LOOP_BYTES + <usize>l * laneSlotBytes;
}

/** Could some lane reach its exit shock within the next segment? (≤ 2016 blocks at ≤ 4·d) */
export function nearShock(lanes: i32): bool {
  for (let l = 0; l < lanes; l++) {
    const reach = unchecked(lnPrevW[l]) + <f64>(RETARGET_INTERVAL + 1) * 4 * unchecked(lnD[l]) * TWO_32;
    if (reach >= unchecked(lnWorkAtShock[l])) return true;
  }
  return false;
}

/** Keeps the lanes' state in `slot` (after the caller filled slotLoop(slot)); false when it cannot. */
export function savePrefix(slot: i32, lanes: i32): bool {
  // Only a lean projection whose lanes are all still running is a prefix of every later one.
  for (let l = 0; l < lanes; l++) {
    if (unchecked(lnMonth[l]) > unchecked(lnMonths[l]) || unchecked(lnAccMonth[l]) > slotMonths) return false;
  }
  for (let l = 0; l < lanes; l++) {
    const at = slotLane(slot, l);
    const s = changetype<LaneSnapshot>(at);
    s.d = unchecked(lnD[l]);
    s.prevTime = unchecked(lnPrevTime[l]);
    s.prevW = unchecked(lnPrevW[l]);
    s.baseW = unchecked(lnBaseW[l]);
    s.epochFirst = unchecked(lnEpochFirst[l]);
    s.month = unchecked(lnMonth[l]);
    s.prevEnd = unchecked(lnPrevEnd[l]);
    s.accMonth = unchecked(lnAccMonth[l]);
    s.accEnd = unchecked(lnAccEnd[l]);
    const months = at + LANE_BYTES;
    const accrued = s.accMonth; // months 1 … accMonth hold BTC so far
    for (let m = 0; m < accrued; m++) store<f64>(months + (<usize>m << 3), unchecked(mBtcPerHs[l * MAX_MONTHS + m]));
  }
  slots.markReady(slot);
  return true;
}

/** Restores the lanes' state from `slot`; the shared loop state is slotLoop(slot). */
export function loadPrefix(slot: i32, lanes: i32): void {
  for (let l = 0; l < lanes; l++) {
    const at = slotLane(slot, l);
    const s = changetype<LaneSnapshot>(at);
    unchecked((lnD[l] = s.d));
    unchecked((lnPrevTime[l] = s.prevTime));
    unchecked((lnPrevW[l] = s.prevW));
    unchecked((lnBaseW[l] = s.baseW));
    unchecked((lnEpochFirst[l] = s.epochFirst));
    unchecked((lnMonth[l] = s.month));
    unchecked((lnPrevEnd[l] = s.prevEnd));
    unchecked((lnAccMonth[l] = s.accMonth));
    unchecked((lnAccEnd[l] = s.accEnd));
    const months = at + LANE_BYTES;
    const accrued = s.accMonth;
    for (let m = 0; m < accrued; m++) unchecked((mBtcPerHs[l * MAX_MONTHS + m] = load<f64>(months + (<usize>m << 3))));
  }
}
