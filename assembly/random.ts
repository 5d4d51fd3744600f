// The Monte Carlo generator (docs/model.md §7.5), bit for bit the TS reference's
// (src/kernel/reference-v2/random.ts): xoshiro128** seeded per path from (seed, path) through
// murmur3's fmix32, 53-bit uniforms from two outputs, normals by Box–Muller with both of each pair
// used. Only 32-bit integer steps, so it gives the same words in every engine.

let s0: u32 = 0;
let s1: u32 = 0;
let s2: u32 = 0;
let s3: u32 = 0;

@inline function fmix32(x: u32): u32 {
  let h = x;
  h ^= h >>> 16;
  h *= 0x85ebca6b;
  h ^= h >>> 13;
  h *= 0xc2b2ae35;
  h ^= h >>> 16;
  return h;
}

/** Starts path `path` of seed `seed`. */
export function seedPath(seed: u32, path: u32): void {
  const a = fmix32(seed ^ 0x9e3779b9);
  const b = fmix32(path ^ 0x7f4a7c15);
  s0 = a;
  s1 = b;
  s2 = fmix32(a ^ rotl<u32>(b, 16) ^ 0x6a09e667);
  s3 = fmix32(b ^ rotl<u32>(a, 16) ^ 0xbb67ae85);
}

/** The next 32-bit output of xoshiro128**. */
export function nextU32(): u32 {
  const out = rotl<u32>(s1 * 5, 7) * 9;
  const t = s1 << 9;
  s2 ^= s0;
  s3 ^= s1;
  s1 ^= s2;
  s0 ^= s3;
  s2 ^= t;
  s3 = rotl<u32>(s3, 11);
  return out;
}

/** Uniform in [0, 1) with 53 random bits. */
@inline function nextUniform(): f64 {
  const x = <f64>(nextU32() >>> 5);
  const y = <f64>(nextU32() >>> 6);
  return (x * 67108864.0 + y) / 9007199254740992.0;
}

/** Writes `count` standard normals of the current path to `out` (f64s), in order. */
export function normals(out: usize, count: i32): void {
  for (let i = 0; i < count; i += 2) {
    const u1 = nextUniform();
    const u2 = nextUniform();
    const r = Math.sqrt(-2 * Math.log(1 - u1));
    const theta = 2 * Math.PI * u2;
    store<f64>(out + (<usize>i << 3), r * Math.cos(theta));
    if (i + 1 < count) store<f64>(out + (<usize>(i + 1) << 3), r * Math.sin(theta));
  }
}
