/**
 * The typed facade over the kernel's consensus exports (assembly/consensus.ts): the same functions
 * as the BigInt reference in consensus-ref.ts, refusing the same arguments.
 */
import type { KernelExports } from './wasm.ts';
import { checkBits, checkHeight, checkTarget, checkTime, type Compact, type Consensus } from './consensus-ref.ts';

export type { Compact, Consensus };

const NEGATIVE = 1;
const OVERFLOW = 2;

export function createConsensus(exports: KernelExports): Consensus & { workFromBitsF64(bits: number): number } {
  const k = exports;
  // A fresh view each time: memory may have grown and detached the previous buffer.
  const limbs = () => new BigUint64Array(k.memory.buffer, k.u256Ptr(), 4);
  const readU256 = (): bigint => {
    const v = limbs();
    return v[0] | (v[1] << 64n) | (v[2] << 128n) | (v[3] << 192n);
  };
  const writeU256 = (x: bigint): void => {
    const v = limbs();
    for (let i = 0; i < 4; i++) v[i] = BigInt.asUintN(64, x >> BigInt(64 * i));
  };

  return {
    subsidySats: (height) => k.blockSubsidySats(checkHeight(height)),
    setCompact(bits): Compact {
      const flags = k.setCompact(checkBits(bits));
      return { target: readU256(), negative: (flags & NEGATIVE) !== 0, overflow: (flags & OVERFLOW) !== 0 };
    },
    getCompact(target, negative = false) {
      writeU256(checkTarget(target));
      return k.getCompact(negative) >>> 0;
    },
    retargetBits: (bits, firstTime, lastTime) =>
      k.retargetBits(checkBits(bits), BigInt(checkTime('firstTime', firstTime)), BigInt(checkTime('lastTime', lastTime))) >>> 0,
    difficultyFromBits: (bits) => k.difficultyFromBits(checkBits(bits)),
    workFromBits(bits) {
      k.workFromBits(checkBits(bits));
      return readU256();
    },
    /** The work as the nearest double (correctly rounded in the kernel). */
    workFromBitsF64: (bits) => k.workFromBits(checkBits(bits)),
  };
}
