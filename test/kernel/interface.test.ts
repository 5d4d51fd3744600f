/**
 * The kernel's interface, named once (src/model/kernel-interface.ts): the AssemblyScript constants
 * in assembly/generated/interface.ts are written from it, and every build of the kernel must carry
 * them. These tests fail when the two sides disagree — a key added to the registry without
 * regenerating, a hand edit of the generated file, a stale build — naming the field.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKernelSync, projectRoot } from '../../src/kernel/load-node.ts';
import { createModel } from '../../src/kernel/facade.ts';
import type { KernelVariant } from '../../src/kernel/wasm.ts';
import { assemblyScriptInterface, constantCase, INPUT, KERNEL_LISTS, stageMask } from '../../src/model/kernel-interface.ts';
import { MODEL_KEYS } from '../../src/model/keys.ts';
import { defaultInputs, PARAMS_BY_KEY, STAGES } from '../../src/model/registry/index.ts';

const VARIANTS: KernelVariant[] = ['debug', 'release', 'release-simd'];

describe('the generated AssemblyScript interface', () => {
  it('is what the TS definition generates now (run `npm run gen:kernel` after changing a key)', () => {
    const committed = readFileSync(join(projectRoot(), 'assembly/generated/interface.ts'), 'utf8');
    expect(committed).toBe(assemblyScriptInterface());
  });

  it('spells names as AssemblyScript constants', () => {
    expect(constantCase('siteMw')).toBe('SITE_MW');
    expect(constantCase('fleetJPerTh')).toBe('FLEET_J_PER_TH');
    expect(constantCase('hashpriceUsdPerPhDay')).toBe('HASHPRICE_USD_PER_PH_DAY');
    expect(constantCase('hashrateEhs')).toBe('HASHRATE_EHS');
  });

  it('gives each key its registry stages as bits, in STAGES order', () => {
    // horizonYears invalidates all six stages: 0b111111 = 63; btcPriceUsd 'prices', the fourth
    // stage, and 'response', the sixth: (1 << 3) + (1 << 5) = 40; siteMw 'mining' (1 << 2) and
    // 'pivot' (1 << 4): 4 + 16 = 20.
    expect(STAGES).toEqual(['network', 'finance', 'mining', 'prices', 'pivot', 'response']);
    expect(stageMask('horizonYears')).toBe(63);
    expect(stageMask('btcPriceUsd')).toBe(40);
    expect(stageMask('siteMw')).toBe(20);
    expect(stageMask('leaseUsdPerKwMonth')).toBe(0);
  });
});

describe.each(VARIANTS)('the %s kernel', (variant) => {
  const k = loadKernelSync(variant) as unknown as Record<string, unknown> & { memory: WebAssembly.Memory };
  const global = (name: string): number | undefined => {
    const g = k[name];
    return g instanceof WebAssembly.Global ? Number(g.value) : undefined;
  };

  for (const { prefix, count, names } of KERNEL_LISTS) {
    it(`carries every ${prefix}_* constant at the position the TS side reads`, () => {
      const value = (i: number) => (prefix === 'STAGE' ? 1 << i : i);
      const wrong = names
        .map((name, i) => ({ constant: `${prefix}_${constantCase(name)}`, expected: value(i) }))
        .filter(({ constant, expected }) => global(constant) !== expected)
        .map(({ constant, expected }) => `${constant}: kernel ${global(constant)}, TS ${expected}`);
      expect(wrong).toEqual([]);
      expect(global(`N_${count}`)).toBe(names.length);
    });
  }

  it("holds each key's stage mask in its KEY_STAGES table", () => {
    const table = new Int32Array(k.memory.buffer, global('KEY_STAGES')!, MODEL_KEYS.length);
    expect(Array.from(table)).toEqual(MODEL_KEYS.map(stageMask));
  });

  it('reads each input from the position the facade writes it to', () => {
    // Moving one key changes its output: siteMw doubles every cash flow of both paths when the
    // pivot converts the whole site (α = 100 %) — a key read from the wrong slot would not.
    const model = createModel(loadKernelSync(variant));
    const base = { ...defaultInputs(), horizonYears: 2 };
    const one = model.evaluate(base);
    const two = model.evaluate({ ...base, siteMw: 2 * base.siteMw });
    expect(two.npv.mine / one.npv.mine).toBeCloseTo(2, 12);
    expect(two.npv.pivot / one.npv.pivot).toBeCloseTo(2, 12);
    expect(INPUT.siteMw).toBe(MODEL_KEYS.indexOf('siteMw'));
    expect(PARAMS_BY_KEY.siteMw.stages).toEqual(['mining', 'pivot']);
  });
});
