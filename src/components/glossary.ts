/**
 * The glossary of the how-it-works page: every term the page and the explorer use, in plain words,
 * with the section of docs/model.md that defines it. One entry per term; the page and each place a
 * term appears link to the entry by its id.
 */

export const TERM_IDS = [
  'hashprice',
  'difficulty',
  'retarget',
  'halving',
  'jth',
  'pue',
  'noi',
  'npv',
  'delta',
  'irr',
  'payback',
  'breakeven',
] as const;
export type TermId = (typeof TERM_IDS)[number];

export interface GlossaryEntry {
  /** The term as the page writes it. */
  term: string;
  /** What it means, for someone new to it. */
  plain: string;
  /** Where docs/model.md defines it ("§2.7"). */
  section: string;
}

export const GLOSSARY: Record<TermId, GlossaryEntry> = {
  hashprice: {
    term: 'Hashprice',
    plain:
      'What one petahash per second of mining machines earns in a day, in US dollars: the block reward and fees, shared out by hashing power, at the BTC price.',
    section: '§2.7',
  },
  difficulty: {
    term: 'Difficulty',
    plain:
      'How hard it is to find a block. A block at difficulty D takes about D × 2³² guesses (hashes), so a higher difficulty means fewer bitcoins per machine.',
    section: '§1.4',
  },
  retarget: {
    term: 'Retarget',
    plain:
      'Every 2,016 blocks (about two weeks) Bitcoin resets the difficulty so that blocks keep coming about every ten minutes: when the network hashes faster, the difficulty rises.',
    section: '§2.5',
  },
  halving: {
    term: 'Halving',
    plain:
      'Every 210,000 blocks (about four years) the new bitcoins paid per block are cut in half. The next one, in 2028, halves what a mining machine earns overnight.',
    section: '§1.1',
  },
  jth: {
    term: 'J/TH',
    plain:
      'Joules per terahash: the energy a mining machine spends on a trillion hashes. Lower is better; a newer fleet needs fewer joules for the same work.',
    section: '§3.1',
  },
  pue: {
    term: 'PUE',
    plain:
      'Power usage effectiveness: the power the whole site draws divided by the power its machines use. 1.1 means one tenth more goes to cooling and losses.',
    section: '§3.1',
  },
  noi: {
    term: 'NOI',
    plain:
      'Net operating income: the rent a data hall earns less the costs of running it. The NOI margin is the share of rent the owner keeps.',
    section: '§4.3',
  },
  npv: {
    term: 'NPV',
    plain:
      'Net present value: all future cash flows, each discounted to what it is worth today, added up. A dollar next year is worth less than a dollar now.',
    section: '§5.2',
  },
  delta: {
    term: 'Δ',
    plain:
      'Delta, the difference: NPV of the pivot minus NPV of keeping on mining. Positive means the pivot is worth more; negative means mining is.',
    section: '§5.2',
  },
  irr: {
    term: 'IRR',
    plain:
      "Internal rate of return: the yearly rate at which the pivot's extra cash flows are worth exactly zero today. Above the discount rate, the pivot pays for its cost of money.",
    section: '§5.5',
  },
  payback: {
    term: 'Payback',
    plain:
      "The month from which the pivot's extra cash flows, added up from the start, stay above zero: the conversion has paid for itself. Discounted payback does the same with discounted cash.",
    section: '§5.6',
  },
  breakeven: {
    term: 'Breakeven',
    plain:
      'The value of one assumption (the lease rate, or the BTC price) at which both paths are worth the same, Δ = 0. On one side of it the pivot wins, on the other mining does.',
    section: '§5.3',
  },
};

/** The id of a glossary entry's element on the page. */
export const termAnchor = (id: TermId): string => `glossary-${id}`;

/** The glossary terms a parameter's label or unit mentions ("Mining PUE" → pue, "J/TH" → jth). */
export function termsIn(text: string): TermId[] {
  const found: TermId[] = [];
  if (/\bPUE\b/.test(text)) found.push('pue');
  if (/J\/TH/.test(text)) found.push('jth');
  if (/\bNOI\b/.test(text)) found.push('noi');
  if (/\bdifficulty\b/i.test(text)) found.push('difficulty');
  if (/\bhashprice\b/i.test(text)) found.push('hashprice');
  return found;
}
