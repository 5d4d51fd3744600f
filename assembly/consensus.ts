// Bitcoin Core's consensus math, bit for bit: block subsidy (validation.cpp GetBlockSubsidy),
// compact targets (arith_uint256.cpp SetCompact/GetCompact), the retarget (pow.cpp
// CalculateNextWorkRequired), difficulty (rpc/blockchain.cpp GetDifficulty) and block work
// (chain.cpp GetBlockProof).
//
// 256-bit numbers are 8 little-endian u32 limbs in static memory, like Core's base_uint<256>;
// nothing is allocated per call. They cross to JS through the 32 bytes at u256Ptr() (read them as
// a BigUint64Array of 4 little-endian limbs, with a fresh view after each call). Arithmetic wraps
// modulo 2^256 as Core's does.

/** The exchange buffer: the input of getCompact, the output of setCompact, retargetBits, workFromBits. */
const IO: usize = memory.data(32, 16);
// Scratch numbers for division and shifts.
const S0: usize = memory.data(32, 16);
const S1: usize = memory.data(32, 16);
const S2: usize = memory.data(32, 16);

const LIMBS: i32 = 8;

/** Mainnet powLimit, 0x00000000ffff…ff = 2^224 − 1 (compact 0x1d00ffff). */
const POW_LIMIT: usize = memory.data<u32>([
  0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0,
], 16);

/** Blocks between halvings. */
export const HALVING_INTERVAL: i64 = 210000;
export const INITIAL_SUBSIDY: i64 = 5_000_000_000;
/** Blocks between difficulty retargets. */
export const RETARGET_INTERVAL: i32 = 2016;
/** Two weeks, and the clamp of the measured epoch to [¼, 4×] of it. */
export const TARGET_TIMESPAN: i64 = 1209600;
const MIN_TIMESPAN: i64 = TARGET_TIMESPAN / 4;
const MAX_TIMESPAN: i64 = TARGET_TIMESPAN * 4;

/** setCompact's result flags: bit 0 negative, bit 1 overflow. */
const COMPACT_NEGATIVE: u32 = 1;
const COMPACT_OVERFLOW: u32 = 2;

// ---- 256-bit helpers (in place, on pointers into static memory) ----

@inline function limb(p: usize, i: i32): u32 {
  return load<u32>(p + (<usize>i << 2));
}

@inline function setLimb(p: usize, i: i32, v: u32): void {
  store<u32>(p + (<usize>i << 2), v);
}

function setU32(p: usize, v: u32): void {
  setLimb(p, 0, v);
  for (let i = 1; i < LIMBS; i++) setLimb(p, i, 0);
}

function copy(dst: usize, src: usize): void {
  for (let i = 0; i < LIMBS; i++) setLimb(dst, i, limb(src, i));
}

function isZero(p: usize): bool {
  for (let i = 0; i < LIMBS; i++) if (limb(p, i) != 0) return false;
  return true;
}

/** The number of significant bits (Core's bits()): 0 for zero. */
function bitLength(p: usize): i32 {
  for (let i = LIMBS - 1; i >= 0; i--) {
    const w = limb(p, i);
    if (w != 0) return i * 32 + 32 - <i32>clz(w);
  }
  return 0;
}

/** −1, 0 or 1 as a <, =, > b. */
function compare(a: usize, b: usize): i32 {
  for (let i = LIMBS - 1; i >= 0; i--) {
    const x = limb(a, i);
    const y = limb(b, i);
    if (x != y) return x < y ? -1 : 1;
  }
  return 0;
}

/** p <<= n, bits shifted past 2^256 dropped; n ≥ 256 gives 0. */
function shl(p: usize, n: i32): void {
  const k = n >> 5;
  const s = n & 31;
  for (let i = LIMBS - 1; i >= 0; i--) {
    const src = i - k;
    let w: u32 = 0;
    if (src >= 0 && src < LIMBS) {
      w = limb(p, src) << s;
      // A shift by 32 is a shift by 0 in WASM: only carry in when s > 0.
      if (s != 0 && src >= 1) w |= limb(p, src - 1) >>> (32 - s);
    }
    setLimb(p, i, w);
  }
}

/** p >>= n; n ≥ 256 gives 0. */
function shr(p: usize, n: i32): void {
  const k = n >> 5;
  const s = n & 31;
  for (let i = 0; i < LIMBS; i++) {
    const src = i + k;
    let w: u32 = 0;
    if (src >= 0 && src < LIMBS) {
      w = limb(p, src) >>> s;
      if (s != 0 && src + 1 < LIMBS) w |= limb(p, src + 1) << (32 - s);
    }
    setLimb(p, i, w);
  }
}

function not(p: usize): void {
  for (let i = 0; i < LIMBS; i++) setLimb(p, i, ~limb(p, i));
}

/** p += v (mod 2^256). */
function addU32(p: usize, v: u32): void {
  let carry: u64 = v;
  for (let i = 0; i < LIMBS && carry != 0; i++) {
    const sum = <u64>limb(p, i) + carry;
    setLimb(p, i, <u32>sum);
    carry = sum >> 32;
  }
}

/** a −= b (mod 2^256). */
function sub(a: usize, b: usize): void {
  let borrow: u64 = 0;
  for (let i = 0; i < LIMBS; i++) {
    const d = <u64>limb(a, i) - <u64>limb(b, i) - borrow;
    setLimb(a, i, <u32>d);
    borrow = (d >> 32) & 1;
  }
}

/** p *= m (mod 2^256): Core's operator*=(uint32_t), whose final carry is dropped. */
function mulU32(p: usize, m: u32): void {
  let carry: u64 = 0;
  for (let i = 0; i < LIMBS; i++) {
    const prod = <u64>limb(p, i) * <u64>m + carry;
    setLimb(p, i, <u32>prod);
    carry = prod >> 32;
  }
}

/** p = floor(p / d) for d > 0; returns the remainder. */
function divU32(p: usize, d: u32): u32 {
  let rem: u64 = 0;
  for (let i = LIMBS - 1; i >= 0; i--) {
    const cur = (rem << 32) | <u64>limb(p, i);
    setLimb(p, i, <u32>(cur / <u64>d));
    rem = cur % <u64>d;
  }
  return <u32>rem;
}

/**
 * q = floor(num / den), Core's shift-and-subtract operator/=. `num` is left holding the remainder
 * and `den` is clobbered; q must be a third buffer. den = 0 gives q = 0 (Core throws; no caller
 * here divides by zero).
 */
function div(num: usize, den: usize, q: usize): void {
  setU32(q, 0);
  const numBits = bitLength(num);
  const denBits = bitLength(den);
  if (denBits == 0 || denBits > numBits) return;
  let shift = numBits - denBits;
  shl(den, shift);
  while (shift >= 0) {
    if (compare(num, den) >= 0) {
      sub(num, den);
      setLimb(q, shift >> 5, limb(q, shift >> 5) | (<u32>1 << <u32>(shift & 31)));
    }
    shr(den, 1);
    shift--;
  }
}

/** The nearest double (ties to even): the top 64 bits with a sticky bit, converted, then scaled. */
function toF64(p: usize): f64 {
  const n = bitLength(p);
  if (n <= 64) return <f64>((<u64>limb(p, 1) << 32) | <u64>limb(p, 0));
  const shift = n - 64;
  let sticky = false;
  const whole = shift >> 5;
  for (let i = 0; i < whole; i++) if (limb(p, i) != 0) sticky = true;
  if ((shift & 31) != 0 && (limb(p, whole) & ((<u32>1 << <u32>(shift & 31)) - 1)) != 0) sticky = true;
  copy(S2, p);
  shr(S2, shift);
  let top = (<u64>limb(S2, 1) << 32) | <u64>limb(S2, 0);
  // Bit 0 of a 64-bit word lies 11 bits below a double's rounding bit: OR-ing the sticky bit into
  // it decides ties exactly as the full number would.
  if (sticky) top |= 1;
  // 2^shift, shift ≤ 192, built from its exponent field: exact.
  return <f64>top * reinterpret<f64>(<u64>(1023 + shift) << 52);
}

/** Core's SetCompact into p; returns the COMPACT_* flags. */
function setCompactInto(p: usize, bits: u32): u32 {
  const size = <i32>(bits >>> 24);
  let word = bits & 0x007fffff;
  if (size <= 3) {
    // Shifted right first: the flags below look at what is left of the word.
    word >>>= <u32>(8 * (3 - size));
    setU32(p, word);
  } else {
    setU32(p, word);
    shl(p, 8 * (size - 3));
  }
  let flags: u32 = 0;
  if (word != 0 && (bits & 0x00800000) != 0) flags |= COMPACT_NEGATIVE;
  if (word != 0 && (size > 34 || (word > 0xff && size > 33) || (word > 0xffff && size > 32))) {
    flags |= COMPACT_OVERFLOW;
  }
  return flags;
}

/** Core's GetCompact of the number at p (p is left unchanged). */
function getCompactOf(p: usize, negative: bool): u32 {
  let size = (bitLength(p) + 7) / 8;
  let compact: u32;
  if (size <= 3) {
    compact = limb(p, 0) << <u32>(8 * (3 - size));
  } else {
    copy(S0, p);
    shr(S0, 8 * (size - 3));
    compact = limb(S0, 0);
  }
  // 0x00800000 is the sign bit: a mantissa that reaches it moves one byte up, losing its last byte.
  if ((compact & 0x00800000) != 0) {
    compact >>>= 8;
    size++;
  }
  compact |= <u32>size << 24;
  if (negative && (compact & 0x007fffff) != 0) compact |= 0x00800000;
  return compact;
}

// ---- exports ----

/** Address of the 32-byte exchange buffer: 4 little-endian u64 limbs, least significant first. */
export function u256Ptr(): usize {
  return IO;
}

/** Block subsidy in satoshis at a height ≥ 0 (GetBlockSubsidy); a negative height gives 0. */
export function blockSubsidySats(height: i64): i64 {
  if (height < 0) return 0;
  const halvings = height / HALVING_INTERVAL;
  if (halvings >= 64) return 0;
  return INITIAL_SUBSIDY >> halvings;
}

/**
 * SetCompact(bits): writes the target to the exchange buffer (modulo 2^256 when it overflows) and
 * returns the flags: 1 negative, 2 overflow (3 both). JS sees the u32 results of this
 * module as signed i32: read them with `>>> 0`.
 */
export function setCompact(bits: u32): u32 {
  return setCompactInto(IO, bits);
}

/** GetCompact(fNegative) of the target in the exchange buffer. */
export function getCompact(negative: bool): u32 {
  return getCompactOf(IO, negative);
}

/**
 * CalculateNextWorkRequired: the nBits following an epoch whose first and last blocks carry the
 * timestamps firstTime and lastTime, its blocks having carried `bits`. new = target · actual /
 * 1209600, multiplied first in 256 bits — wrapping modulo 2^256 exactly as Core's arith_uint256
 * does, which only a target above about 2^233 can reach — then floored and capped at powLimit.
 * The flags of `bits` are ignored, as Core ignores them there. Leaves the new target, before
 * GetCompact's truncation, in the exchange buffer.
 */
export function retargetBits(bits: u32, firstTime: i64, lastTime: i64): u32 {
  let actual = lastTime - firstTime;
  if (actual < MIN_TIMESPAN) actual = MIN_TIMESPAN;
  if (actual > MAX_TIMESPAN) actual = MAX_TIMESPAN;
  setCompactInto(IO, bits);
  mulU32(IO, <u32>actual);
  divU32(IO, <u32>TARGET_TIMESPAN);
  if (compare(IO, POW_LIMIT) > 0) copy(IO, POW_LIMIT);
  return getCompactOf(IO, false);
}

/**
 * GetDifficulty (rpc/blockchain.cpp), the same double operations in the same order. A zero
 * mantissa divides by zero, giving +Infinity as in Core.
 */
export function difficultyFromBits(bits: u32): f64 {
  let shift = <i32>((bits >>> 24) & 0xff);
  let diff = <f64>0x0000ffff / <f64>(bits & 0x00ffffff);
  while (shift < 29) {
    diff *= 256.0;
    shift++;
  }
  while (shift > 29) {
    diff /= 256.0;
    shift--;
  }
  return diff;
}

/**
 * GetBlockProof: floor(2^256 / (target + 1)) into the exchange buffer, computed as Core does,
 * ~target / (target + 1) + 1; 0 for a negative, overflowing or zero target. Returns the same
 * number as the nearest double.
 */
export function workFromBits(bits: u32): f64 {
  const flags = setCompactInto(S1, bits);
  if (flags != 0 || isZero(S1)) {
    setU32(IO, 0);
    return 0;
  }
  // No valid target is 2^256 − 1, so target + 1 does not wrap.
  copy(S0, S1);
  not(S0);
  addU32(S1, 1);
  div(S0, S1, IO);
  addU32(IO, 1);
  return toF64(IO);
}
