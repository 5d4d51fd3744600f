/**
 * Bitcoin Core's consensus math in plain BigInt, written to be read against Core's sources:
 * validation.cpp GetBlockSubsidy, arith_uint256.cpp SetCompact/GetCompact, pow.cpp
 * CalculateNextWorkRequired, rpc/blockchain.cpp GetDifficulty, chain.cpp GetBlockProof.
 * The oracle for the WASM kernel (assembly/consensus.ts); deliberately not shared with it.
 *
 * 256-bit values are bigints in [0, 2^256); arithmetic that Core does in arith_uint256 wraps
 * modulo 2^256 here too. Bad arguments throw a RangeError naming the argument.
 */

const U256 = 1n << 256n;
const MASK256 = U256 - 1n;
/** Mainnet powLimit, 0x00000000ffff…ff (compact 0x1d00ffff). */
export const POW_LIMIT = (1n << 224n) - 1n;
export const TARGET_TIMESPAN = 1209600;
const HALVING_INTERVAL = 210000n;

export interface Compact {
  target: bigint;
  negative: boolean;
  overflow: boolean;
}

/** What the reference and the WASM facade (src/kernel/consensus.ts) both offer. */
export interface Consensus {
  subsidySats(height: number | bigint): bigint;
  setCompact(bits: number): Compact;
  getCompact(target: bigint, negative?: boolean): number;
  retargetBits(bits: number, firstTime: number, lastTime: number): number;
  difficultyFromBits(bits: number): number;
  workFromBits(bits: number): bigint;
}

// Argument checks, shared with the facade so that both refuse the same inputs.
export function checkBits(bits: number): number {
  if (!Number.isInteger(bits) || bits < 0 || bits > 0xffffffff) throw new RangeError(`invalid bits: ${bits}`);
  return bits;
}
export function checkHeight(height: number | bigint): bigint {
  if (typeof height === 'number' && !Number.isSafeInteger(height)) throw new RangeError(`invalid height: ${height}`);
  const h = BigInt(height);
  if (h < 0n || h >= 1n << 63n) throw new RangeError(`invalid height: ${height}`);
  return h;
}
export function checkTime(name: string, time: number): number {
  if (!Number.isSafeInteger(time)) throw new RangeError(`invalid ${name}: ${time}`);
  return time;
}
export function checkTarget(target: bigint): bigint {
  if (typeof target !== 'bigint' || target < 0n || target > MASK256) throw new RangeError(`invalid target: ${target}`);
  return target;
}

export function subsidySats(height: number | bigint): bigint {
  const halvings = checkHeight(height) / HALVING_INTERVAL;
  if (halvings >= 64n) return 0n;
  return 5_000_000_000n >> halvings;
}

export function setCompact(bits: number): Compact {
  checkBits(bits);
  const size = bits >>> 24;
  let word = bits & 0x007fffff;
  let target: bigint;
  if (size <= 3) {
    // Core shifts the mantissa first; the flags below see only what is left of it.
    word >>>= 8 * (3 - size);
    target = BigInt(word);
  } else {
    target = (BigInt(word) << BigInt(8 * (size - 3))) & MASK256;
  }
  const negative = word !== 0 && (bits & 0x00800000) !== 0;
  const overflow = word !== 0 && (size > 34 || (word > 0xff && size > 33) || (word > 0xffff && size > 32));
  return { target, negative, overflow };
}

export function getCompact(target: bigint, negative = false): number {
  checkTarget(target);
  let size = Math.ceil(target.toString(2).length / 8);
  if (target === 0n) size = 0;
  let compact = size <= 3 ? Number(target << BigInt(8 * (3 - size))) : Number(target >> BigInt(8 * (size - 3)));
  // 0x00800000 is the sign bit: a mantissa reaching it moves up a byte, losing its last one.
  if (compact & 0x00800000) {
    compact >>>= 8;
    size++;
  }
  compact |= size << 24;
  if (negative && (compact & 0x007fffff) !== 0) compact |= 0x00800000;
  return compact >>> 0;
}

/**
 * The nBits after an epoch with the given first and last block times (2015 intervals, Core's
 * off-by-one). Multiplies first, modulo 2^256 as Core's arith_uint256 does (only targets above
 * about 2^233 wrap), then floors; the flags of `bits` are ignored, as in Core.
 */
export function retargetBits(bits: number, firstTime: number, lastTime: number): number {
  const actual = checkTime('lastTime', lastTime) - checkTime('firstTime', firstTime);
  const clamped = Math.min(Math.max(actual, TARGET_TIMESPAN / 4), TARGET_TIMESPAN * 4);
  const { target } = setCompact(bits);
  let next = ((target * BigInt(clamped)) & MASK256) / BigInt(TARGET_TIMESPAN);
  if (next > POW_LIMIT) next = POW_LIMIT;
  return getCompact(next);
}

/** GetDifficulty, the same double operations in the same order; a zero mantissa gives Infinity. */
export function difficultyFromBits(bits: number): number {
  checkBits(bits);
  let shift = (bits >>> 24) & 0xff;
  let diff = 0x0000ffff / (bits & 0x00ffffff);
  for (; shift < 29; shift++) diff *= 256;
  for (; shift > 29; shift--) diff /= 256;
  return diff;
}

/** GetBlockProof: floor(2^256 / (target + 1)); 0 for a negative, overflowing or zero target. */
export function workFromBits(bits: number): bigint {
  const { target, negative, overflow } = setCompact(bits);
  if (negative || overflow || target === 0n) return 0n;
  return U256 / (target + 1n);
}
