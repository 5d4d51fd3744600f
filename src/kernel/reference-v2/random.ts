/**
 * The Monte Carlo generator and the price paths (docs/model.md §7.5). The WASM kernel reproduces
 * the generator bit for bit: it uses only 32-bit integer operations (Math.imul, >>>, ^, |, <<,
 * rotations), which AssemblyScript's u32 arithmetic computes identically; only the last steps
 * (log, sqrt, cos, sin, exp of doubles) may differ in their last bit between engines.
 *
 * The generator, exactly (all words unsigned 32-bit, `+` and `·` modulo 2^32):
 *
 *   fmix32(h):  h ^= h >>> 16;  h = h · 0x85ebca6b;  h ^= h >>> 13;  h = h · 0xc2b2ae35;  h ^= h >>> 16
 *               (murmur3's finaliser, a bijection of 32-bit words with fmix32(0) = 0)
 *   rotl(x, k): (x << k) | (x >>> (32 − k))
 *
 *   Seeding path j (0 … n−1) of seed S (0 … 2^32−1): a = fmix32(S ^ 0x9e3779b9),
 *   b = fmix32(j ^ 0x7f4a7c15), and the xoshiro128** state
 *     s0 = a,  s1 = b,  s2 = fmix32(a ^ rotl(b, 16) ^ 0x6a09e667),  s3 = fmix32(b ^ rotl(a, 16) ^ 0xbb67ae85).
 *   (a, b) is a bijection of (S, j), so no two paths of any seeds share a state, and the state is
 *   never all zero (a = b = 0 gives s2 = fmix32(0x6a09e667) ≠ 0).
 *
 *   xoshiro128** (Blackman and Vigna), one 32-bit output per step:
 *     out = rotl(s1 · 5, 7) · 9
 *     t = s1 << 9;  s2 ^= s0;  s3 ^= s1;  s1 ^= s2;  s0 ^= s3;  s2 ^= t;  s3 = rotl(s3, 11)
 *
 *   Uniform in [0, 1) with 53 bits from two consecutive outputs x then y:
 *     u = ((x >>> 5) · 2^26 + (y >>> 6)) / 2^53            (in doubles, exact)
 *
 *   Normals by Box–Muller, both of each pair used: from two consecutive uniforms u1 then u2,
 *     R = sqrt(−2 · ln(1 − u1)),  θ = 2π · u2,  z_{2i} = R · cos θ,  z_{2i+1} = R · sin θ
 *   (1 − u1 lies in (0, 1], so the log is finite). No state is cached between paths: each path
 *   starts from its own seeding and draws z_0, z_1, … in order.
 *
 * The price path of path j: the normal z_{i−1} drives half-month i (i = 1, 2, …), so that
 *   ln P(t_i) = ln P0 + (ln(1+μ) − σ²/2) · i/24 + σ · W_i,   W_i = W_{i−1} + sqrt(1/24) · z_{i−1},
 * at t_i = i · month/2, with W_0 = 0 and P(t_0) = P0. A path draws only the normals its horizon
 * needs (half-months 1 … 2·months − 1; the sample at the horizon's end is never used), and draws
 * them in half-month order from its own stream, so a path does not change with the horizon or the
 * number of paths.
 */

/** murmur3's 32-bit finaliser. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const rotl = (x: number, k: number) => ((x << k) | (x >>> (32 - k))) >>> 0;

/** xoshiro128** with the seeding above. */
export class PathRandom {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(seed: number, path: number) {
    const a = fmix32((seed ^ 0x9e3779b9) >>> 0);
    const b = fmix32((path ^ 0x7f4a7c15) >>> 0);
    this.s0 = a;
    this.s1 = b;
    this.s2 = fmix32((a ^ rotl(b, 16) ^ 0x6a09e667) >>> 0);
    this.s3 = fmix32((b ^ rotl(a, 16) ^ 0xbb67ae85) >>> 0);
  }

  /** A generator in the given state (for tests against published xoshiro128** sequences). */
  static fromState(s0: number, s1: number, s2: number, s3: number): PathRandom {
    const g = new PathRandom(0, 0);
    [g.s0, g.s1, g.s2, g.s3] = [s0 >>> 0, s1 >>> 0, s2 >>> 0, s3 >>> 0];
    return g;
  }

  /** The next 32-bit output, as an unsigned number. */
  nextU32(): number {
    const out = Math.imul(rotl(Math.imul(this.s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (this.s1 << 9) >>> 0;
    this.s2 = (this.s2 ^ this.s0) >>> 0;
    this.s3 = (this.s3 ^ this.s1) >>> 0;
    this.s1 = (this.s1 ^ this.s2) >>> 0;
    this.s0 = (this.s0 ^ this.s3) >>> 0;
    this.s2 = (this.s2 ^ t) >>> 0;
    this.s3 = rotl(this.s3, 11);
    return out;
  }

  /** Uniform in [0, 1) with 53 random bits. */
  nextUniform(): number {
    const x = this.nextU32() >>> 5;
    const y = this.nextU32() >>> 6;
    return (x * 67108864 + y) / 9007199254740992;
  }

  /** `count` standard normals z_0 … z_{count−1}, Box–Muller, both of each pair used. */
  normals(count: number): Float64Array {
    const z = new Float64Array(count);
    for (let i = 0; i < count; i += 2) {
      const u1 = this.nextUniform();
      const u2 = this.nextUniform();
      const r = Math.sqrt(-2 * Math.log(1 - u1));
      const theta = 2 * Math.PI * u2;
      z[i] = r * Math.cos(theta);
      if (i + 1 < count) z[i + 1] = r * Math.sin(theta);
    }
    return z;
  }
}

/**
 * Prices at the half-months t_i = i · month/2, i = 0 … 2·months − 1: month m (1-based) starts at
 * sample 2(m−1) and its middle is sample 2m−1. The deterministic path is P0 · (1+μ)^(i/24).
 */
export function deterministicPrices(p0: number, growthPctPerYear: number, months: number): Float64Array {
  const growth = 1 + growthPctPerYear / 100;
  const prices = new Float64Array(2 * months);
  for (let i = 0; i < prices.length; i++) prices[i] = p0 * growth ** (i / 24);
  return prices;
}

/** Path `path`'s prices at the same half-months: geometric Brownian motion with volatility σ. */
export function randomPrices(
  p0: number,
  growthPctPerYear: number,
  volatilityPctPerYear: number,
  months: number,
  seed: number,
  path: number,
): Float64Array {
  const sigma = volatilityPctPerYear / 100;
  const drift = Math.log1p(growthPctPerYear / 100) - (sigma * sigma) / 2; // per year
  const step = Math.sqrt(1 / 24); // sd of W over half a month, in years^½
  const z = new PathRandom(seed, path).normals(2 * months - 1);
  const lnP0 = Math.log(p0);
  const prices = new Float64Array(2 * months);
  prices[0] = p0;
  let w = 0;
  for (let i = 1; i < prices.length; i++) {
    w += step * z[i - 1];
    prices[i] = Math.exp(lnP0 + (drift * i) / 24 + sigma * w);
  }
  return prices;
}
