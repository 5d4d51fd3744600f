/**
 * The glossary (src/components/glossary.ts): an entry for every term, each citing a section that
 * docs/model.md has, and the terms found in the parameters' labels and units.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GLOSSARY, TERM_IDS, termsIn } from '../../src/components/glossary.ts';
import { REGISTRY } from '../../src/model/registry/index.ts';

const doc = readFileSync(new URL('../../docs/model.md', import.meta.url), 'utf8');

describe('glossary', () => {
  it('has the twelve terms, each with words and a section docs/model.md has as a heading', () => {
    expect(TERM_IDS.map((id) => GLOSSARY[id].term)).toEqual([
      'Hashprice',
      'Difficulty',
      'Retarget',
      'Halving',
      'J/TH',
      'PUE',
      'NOI',
      'NPV',
      'Δ',
      'IRR',
      'Payback',
      'Breakeven',
    ]);
    for (const id of TERM_IDS) {
      expect(GLOSSARY[id].plain.length, id).toBeGreaterThan(40);
      expect(doc, `${id}: ${GLOSSARY[id].section}`).toMatch(new RegExp(`^#+ ${GLOSSARY[id].section.replace('.', '\\.')} `, 'm'));
    }
  });

  it('finds the terms in the parameters that use them', () => {
    expect(termsIn('Mining PUE ')).toEqual(['pue']);
    expect(termsIn('Fleet efficiency J/TH')).toEqual(['jth']);
    expect(termsIn('NOI margin %')).toEqual(['noi']);
    expect(termsIn('Start difficulty ')).toEqual(['difficulty']);
    expect(termsIn('Lease rate USD/kW-month')).toEqual([]);
    // Every parameter whose label or unit names a term gets it; the rest none.
    const withTerms = REGISTRY.filter((p) => termsIn(`${p.label} ${p.unit}`).length > 0).map((p) => p.key);
    expect(withTerms).toEqual(expect.arrayContaining(['miningPue', 'fleetJPerTh', 'noiMarginPct', 'startDifficulty']));
  });
});
