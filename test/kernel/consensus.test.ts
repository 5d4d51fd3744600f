// Bitcoin Core's consensus vectors against the WASM kernel (every build) and the BigInt reference,
// then the two implementations against each other on seeded random inputs.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createConsensus } from '../../src/kernel/consensus.ts';
import * as reference from '../../src/kernel/consensus-ref.ts';
import type { Consensus } from '../../src/kernel/consensus-ref.ts';
import { loadKernelSync } from '../../src/kernel/load-node.ts';
import type { KernelVariant } from '../../src/kernel/wasm.ts';

interface Vectors {
  retarget: { case: string; bits: string; firstTime: number; lastTime: number; expected: string }[];
  compact: { bits: string; targetHex?: string; negative: boolean; overflow: boolean; getCompact?: string }[];
  compactFromTarget: { targetHex: string; getCompact: string }[];
  subsidy: { height: number; sats: number }[];
  difficulty: { bits: string; expected: number; exact: number }[];
  subsidyTotalSats: number;
}

const vectors: Vectors = JSON.parse(readFileSync(new URL('../vectors/bitcoin-core.json', import.meta.url), 'utf8'));
const hex = (s: string) => BigInt(`0x${s}`);
const u32 = (s: string) => Number(s);

const VARIANTS: KernelVariant[] = ['debug', 'release', 'release-simd'];

/** splitmix32-style generator: the same sequence on every run. */
function prng(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  return { u32: next, int: (n: number) => next() % n };
}

/** Random nBits concentrated on the sizes that matter (0–36), with the sign bit sometimes set. */
function randomBits(r: ReturnType<typeof prng>): number {
  const size = r.int(8) === 0 ? r.int(256) : r.int(37);
  return ((size << 24) | (r.u32() & 0xffffff)) >>> 0;
}

/** A random 256-bit value of random length. */
function randomTarget(r: ReturnType<typeof prng>): bigint {
  let t = 0n;
  for (let i = 0; i < 8; i++) t = (t << 32n) | BigInt(r.u32());
  return t >> BigInt(r.int(257));
}

const implementations: [string, () => Consensus & { workFromBitsF64?: (bits: number) => number }][] = [
  ['BigInt reference', () => reference],
  ...VARIANTS.map((v) => [`WASM ${v}`, () => createConsensus(loadKernelSync(v))] as [string, () => Consensus]),
];

describe.each(implementations)('Bitcoin Core vectors: %s', (_name, make) => {
  let c: Consensus;
  beforeAll(() => {
    c = make();
  });

  it.each(vectors.retarget)('retarget: $case', (v) => {
    expect(c.retargetBits(u32(v.bits), v.firstTime, v.lastTime)).toBe(u32(v.expected));
  });

  it('SetCompact: target, negative and overflow flags', () => {
    for (const v of vectors.compact) {
      const got = c.setCompact(u32(v.bits));
      expect(got.overflow, v.bits).toBe(v.overflow);
      if (v.targetHex === undefined) continue; // the notes: only the overflow flag is checked
      expect(got.negative, v.bits).toBe(v.negative);
      expect(got.target, v.bits).toBe(hex(v.targetHex));
    }
  });

  it('GetCompact with the negative flag SetCompact returned', () => {
    let checked = 0;
    for (const v of vectors.compact) {
      if (v.getCompact === undefined) continue;
      const { target, negative } = c.setCompact(u32(v.bits));
      expect(c.getCompact(target, negative), v.bits).toBe(u32(v.getCompact));
      checked++;
    }
    expect(checked).toBe(19);
  });

  it('GetCompact from a target', () => {
    for (const v of vectors.compactFromTarget) expect(c.getCompact(hex(v.targetHex))).toBe(u32(v.getCompact));
  });

  it('subsidy', () => {
    for (const v of vectors.subsidy) {
      expect(c.subsidySats(v.height), `height ${v.height}`).toBe(BigInt(v.sats));
      expect(c.subsidySats(BigInt(v.height))).toBe(BigInt(v.sats));
    }
  });

  it('total subsidy, summed as validation_tests.cpp subsidy_limit_test does', () => {
    let sum = 0n;
    for (let h = 0; h < 14_000_000; h += 1000) sum += c.subsidySats(h) * 1000n;
    expect(sum).toBe(BigInt(vectors.subsidyTotalSats));
    expect(sum).toBe(2_099_999_997_690_000n);
  });

  it("difficulty: the exact double, and within Core's 1e-5 of its expected value", () => {
    for (const v of vectors.difficulty) {
      const d = c.difficultyFromBits(u32(v.bits));
      expect(d, v.bits).toBe(v.exact);
      expect(Math.abs(d - v.expected)).toBeLessThan(1e-5 * Math.max(1, Math.abs(v.expected)));
    }
  });

  it('work per block (GetBlockProof)', () => {
    // Genesis difficulty: 2^256 / (0xffff·2^208 + 1) = 0x100010001.
    expect(c.workFromBits(0x1d00ffff)).toBe(0x100010001n);
    expect(c.workFromBits(0x1d00ffff)).toBe((1n << 256n) / (0xffffn * (1n << 208n) + 1n));
    expect(c.workFromBits(0x207fffff)).toBe(2n); // regtest powLimit
    expect(c.workFromBits(0x01010000)).toBe(1n << 255n); // target 1
    // Zero, negative and overflowing targets have no work.
    expect(c.workFromBits(0x00000000)).toBe(0n);
    expect(c.workFromBits(0x04923456)).toBe(0n);
    expect(c.workFromBits(0xff123456)).toBe(0n);
  });

  it("retarget wraps modulo 2^256 where Core's arith_uint256 does", () => {
    // 0x2d175a·2^224 · 4838400 ≡ 0x8800·2^224 (mod 2^256); unwrapped it would cap at 0x1d00ffff.
    expect(c.retargetBits(0x1f2d175a, 0, 4_838_400)).toBe(0x1c075e53);
    // 2^246 · 4838400 = 4725 · 2^256 ≡ 0: Core's next nBits would be 0.
    expect(c.retargetBits(0x1f400000, 0, 4_838_400)).toBe(0);
  });

  it('retarget clamps the timespan and caps at powLimit', () => {
    const bits = 0x1b0404cb;
    expect(c.retargetBits(bits, 0, 1)).toBe(c.retargetBits(bits, 0, 302_400));
    expect(c.retargetBits(bits, 100, 0)).toBe(c.retargetBits(bits, 0, 302_400));
    expect(c.retargetBits(bits, 0, 10_000_000)).toBe(c.retargetBits(bits, 0, 4_838_400));
    expect(c.retargetBits(bits, 0, 1_209_600)).toBe(bits);
    expect(c.retargetBits(0x1d00ffff, 0, 4_838_400)).toBe(0x1d00ffff);
  });

  it('refuses malformed arguments', () => {
    expect(() => c.setCompact(-1)).toThrow(RangeError);
    expect(() => c.setCompact(2 ** 32)).toThrow(RangeError);
    expect(() => c.difficultyFromBits(1.5)).toThrow(RangeError);
    expect(() => c.subsidySats(-1)).toThrow(RangeError);
    expect(() => c.subsidySats(0.5)).toThrow(RangeError);
    expect(() => c.getCompact(-1n)).toThrow(RangeError);
    expect(() => c.getCompact(1n << 256n)).toThrow(RangeError);
    expect(() => c.retargetBits(0x1d00ffff, Number.NaN, 0)).toThrow(RangeError);
  });
});

describe.each(VARIANTS)('WASM %s against the BigInt reference, seeded', (variant) => {
  const N = 3000;
  let k: ReturnType<typeof createConsensus>;
  beforeAll(() => {
    k = createConsensus(loadKernelSync(variant));
  });

  it('SetCompact and GetCompact on random bits', () => {
    const r = prng(0x5eed0001);
    for (let i = 0; i < N; i++) {
      const bits = randomBits(r);
      const got = k.setCompact(bits);
      const want = reference.setCompact(bits);
      expect(got, bits.toString(16)).toEqual(want);
      expect(k.getCompact(got.target, got.negative)).toBe(reference.getCompact(want.target, want.negative));
    }
  });

  it('GetCompact on random targets, and the round trip', () => {
    const r = prng(0x5eed0002);
    for (let i = 0; i < N; i++) {
      const t = randomTarget(r);
      const negative = r.int(2) === 1;
      const bits = k.getCompact(t, negative);
      expect(bits, t.toString(16)).toBe(reference.getCompact(t, negative));
      // The compact form truncates: it never exceeds the target, keeps the sign, does not overflow,
      // and compacting it again changes nothing.
      const back = k.setCompact(bits);
      expect(back.target <= t).toBe(true);
      expect(back.overflow).toBe(false);
      expect(back.negative).toBe(negative && back.target !== 0n);
      expect(k.getCompact(back.target, back.negative)).toBe(bits);
      if (t !== 0n) expect(back.target.toString(2).length).toBe(t.toString(2).length);
    }
  });

  it('retarget on random bits and timespans', () => {
    const r = prng(0x5eed0003);
    for (let i = 0; i < N; i++) {
      const bits = randomBits(r);
      const first = r.u32();
      const last = first + r.int(6_000_000) - 500_000;
      expect(k.retargetBits(bits, first, last), `${bits.toString(16)} ${first} ${last}`).toBe(reference.retargetBits(bits, first, last));
    }
  });

  it('work and difficulty on random bits', () => {
    const r = prng(0x5eed0004);
    for (let i = 0; i < N; i++) {
      const bits = randomBits(r);
      const work = reference.workFromBits(bits);
      expect(k.workFromBits(bits), bits.toString(16)).toBe(work);
      expect(k.workFromBitsF64(bits)).toBe(Number(work)); // both round to nearest
      expect(k.difficultyFromBits(bits)).toBe(reference.difficultyFromBits(bits));
    }
  });

  it('subsidy at random heights', () => {
    const r = prng(0x5eed0005);
    for (let i = 0; i < N; i++) {
      const h = r.int(14_000_000);
      expect(k.subsidySats(h)).toBe(reference.subsidySats(h));
    }
    const big = 2n ** 62n;
    expect(k.subsidySats(big)).toBe(0n);
  });
});
