// A whole-number axis whose points would round onto the same number (horizonYears 1 to 2 in 5
// points: 1, 1, 2, 2, 2) is refused by the CLI and by version-2 links, naming the axis and how many
// distinct values fit; a version-1 link with one is reduced to its distinct values, with a notice.
import { describe, expect, it } from 'vitest';
import { REGISTRY } from '../../src/model/registry/index.ts';
import { axisValues, checkAxis, distinctPoints, parseAxis, type Axis } from '../../src/model/sweep.ts';
import { decodeLink } from '../../src/model/url/parse.ts';
import { defaultView } from '../../src/model/view.ts';
import { runCli as cli } from '../helpers/cli.ts';

const axis = (key: string, min: number, max: number, n: number, log = false) => ({ key, min, max, n, log }) as Axis;
const distinct = (a: Axis) => new Set(axisValues(a)).size;

describe('distinctPoints', () => {
  it.each([
    // key, min, max, n, fit — with the values worked out: (n − 1) steps of (max − min)/(n − 1), rounded
    ['horizonYears', 1, 2, 5, 2], // 1, 1.25, 1.5, 1.75, 2 → 1, 1, 2, 2, 2
    ['horizonYears', 1, 3, 4, 3], // 1, 1.67, 2.33, 3 → 1, 2, 2, 3
    ['horizonYears', 1, 30, 30, 30], // one a year: none repeats
    ['pivotStartMonth', 0, 59, 60, 60],
    ['pivotStartMonth', 0, 59, 61, 60],
    ['siteMw', 1, 2, 2048, 2048], // any number: never reduced
  ] as const)('%s from %d to %d in %d points: %d fit', (key, min, max, n, fit) => {
    expect(distinctPoints(axis(key, min, max, n))).toBe(fit);
  });

  it('is the largest point count with no repeat, on every whole-number key, linear and log', () => {
    for (const p of REGISTRY.filter((q) => q.integer && q.max > q.min)) {
      for (const log of p.min > 0 ? [false, true] : [false]) {
        const a = axis(p.key, p.min, p.max, 2048, log);
        const fit = distinctPoints(a);
        if (fit >= 2048) {
          expect(distinct(a), p.key).toBe(2048);
          continue;
        }
        expect(distinct({ ...a, n: fit }), `${p.key} ${fit}`).toBe(fit);
        expect(distinct({ ...a, n: fit + 1 }), `${p.key} ${fit + 1}`).toBeLessThan(fit + 1);
      }
    }
  });
});

describe('an axis that would repeat a value', () => {
  it('is a problem naming the axis, its values and how many distinct values fit', () => {
    expect(checkAxis('x', axis('horizonYears', 1, 2, 5))).toEqual([
      {
        key: 'x',
        message:
          'x: horizonYears takes whole numbers, so 5 points from 1 to 2 would repeat values (1, 1, 2, 2, 2); ' +
          'at most 2 distinct values fit (horizonYears:1:2:2)',
      },
    ]);
    expect(parseAxis('y', 'horizonYears:1:2:2')).toEqual({ ok: true, axis: axis('horizonYears', 1, 2, 2) });
    expect(checkAxis('y', axis('horizonYears', 1, 1.4, 2))[0].message).toBe(
      'y: horizonYears takes whole numbers, so 2 points from 1 to 1.4 would repeat values (1, 1); the range holds one whole number, widen it',
    );
  });

  it('is an error of the CLI’s sweep, on the option', async () => {
    const run = await cli(['sweep', '-', '--x', 'horizonYears:1:2:5', '--y', 'siteMw:10:20:2', '--metric', 'delta'], '{"version": 2}');
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      '--x: horizonYears takes whole numbers, so 5 points from 1 to 2 would repeat values (1, 1, 2, 2, 2); ' +
        'at most 2 distinct values fit (horizonYears:1:2:2)\n',
    );
  });

  it('is not loaded from a version-2 link: the default axis stands and the parameter is listed', () => {
    const link = decodeLink('?v=2&x=horizonYears:1:2:5&y=siteMw:10:20:2');
    expect(link.view.x).toEqual(defaultView().x);
    expect(link.ignored).toEqual([
      {
        param: 'x',
        raw: 'horizonYears:1:2:5',
        reason:
          'horizonYears takes whole numbers, so 5 points from 1 to 2 would repeat values (1, 1, 2, 2, 2); ' +
          'at most 2 distinct values fit (horizonYears:1:2:2)',
      },
    ]);
  });

  it('a version-1 link’s is reduced to its distinct values, and its notice says so', () => {
    const link = decodeLink('?v=1&x=siteMw:10:20:3&y=horizonYears:1:3:4:log');
    // log points 1, 3^(1/3), 3^(2/3), 3 = 1, 1.44, 2.08, 3 → 1, 1, 2, 3: 3 fit.
    expect(link.view.y).toEqual(axis('horizonYears', 1, 3, 3, true));
    expect([...axisValues(link.view.y)]).toEqual([1, 2, 3]); // √3 = 1.73 rounds to 2
    expect(link.view.x).toEqual(axis('siteMw', 10, 20, 3));
    expect(link.ignored).toEqual([
      {
        param: 'y',
        raw: 'horizonYears:1:3:4:log',
        reason:
          'its 4 points repeat whole-number values, which version 2 does not accept; reduced to its 3 distinct values ' +
          '(horizonYears:1:3:3:log)',
      },
    ]);
  });
});
