/**
 * The network panel and today's network in Chromium. The site is the build whose API base is the
 * loopback origin below (`npm run build:loopback` → build/site-loopback; HASHPIVOT_API_DIST names
 * another build made the same way), and a server in this test answers in mempool.space's documented
 * REST format (the same answers as test/model/today-network.test.ts).
 *
 * - The panel draws every chart with axes, units and a text alternative; a change of the exit share
 *   changes the charts and the words; the exit wave's sentence is the one exitWave gives over the
 *   Node kernel's projections of the same scenario.
 * - Today's network: a good answer fills every field and is undone in one step; a 500, a timeout,
 *   malformed JSON and out-of-range values each give a message and leave the scenario as it was;
 *   offline, the page says so.
 * - Keyboard reaches the new controls; 390 px has no horizontal scroll; text stays readable in dark
 *   mode. Screenshots of the panel at 1280×800 and 390×844 go to test-results/.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeModel } from '../../src/kernel/load-node.ts';
import { exitWave, exitWaveSentence } from '../../src/model/exit-wave.ts';
import { resolveInputs } from '../../src/model/scenario/resolve.ts';
import { ROOT, browserSuite, watchPage } from './harness.ts';
import { fillParam, lowContrast, noHorizontalScroll } from './page.ts';

/** The API base the loopback build was made with (package.json's build:loopback). */
const API_PORT = 38_917;
const API = `http://127.0.0.1:${API_PORT}`;
const SITE = process.env.HASHPIVOT_API_DIST ?? 'build/site-loopback';
// vite preview sends the policy as a header too, computed from the same build setting.
process.env.HASHPIVOT_API_BASE = API;

const suite = browserSuite({ preview: { outDir: SITE } });
const SHOTS = join(ROOT, 'test-results');
const CHARTS = ['net-hashrate', 'net-difficulty', 'net-hashprice', 'net-security', 'net-attack-hardware', 'net-attack-hour'];
/** What each chart's y ticks carry: its unit (the difficulty is a pure number, shown as 146T). */
const TICK_UNIT: Record<string, RegExp> = {
  'net-hashrate': / EH\/s$/,
  'net-difficulty': /^\d+(\.\d+)?[kMBT]?$/,
  'net-hashprice': /^−?\$[\d.]+[kMBT]?\/PH\/day$/,
  'net-security': /^−?\$[\d.]+[kMBT]?\/day$/,
  'net-attack-hardware': /^−?\$[\d.]+[kMBT]?$/,
  'net-attack-hour': /^−?\$[\d.]+[kMBT]?\/h$/,
};

// ---------------------------------------------------------------------------------------------
// The API on loopback

const TIP = 'a'.repeat(64);
const FIRST = 'b'.repeat(64);
type Answer = string | { status: number; body?: string } | 'hang';

/** Height 927,500 (140 blocks into the epoch opened at 927,360, 84,000 s earlier), as the API documents its answers. */
function goodAnswers(): Record<string, Answer> {
  const time = 1_764_460_800;
  return {
    '/api/blocks/tip/hash': TIP,
    [`/api/block/${TIP}`]: JSON.stringify({ id: TIP, height: 927_500, timestamp: time, difficulty: 149_301_214_130_879.6, tx_count: 3000 }),
    '/api/block-height/927360': FIRST,
    [`/api/block/${FIRST}`]: JSON.stringify({ id: FIRST, height: 927_360, timestamp: time - 84_000, difficulty: 149_301_214_130_879.6 }),
    '/api/v1/mining/hashrate/3d': JSON.stringify({ hashrates: [], difficulty: [], currentHashrate: 1.0523e21, currentDifficulty: 1.49e14 }),
    '/api/v1/prices': JSON.stringify({ time, USD: 91_250, EUR: 78_900 }),
    '/api/v1/mining/reward-stats/144': JSON.stringify({
      startBlock: 927_357,
      endBlock: 927_500,
      totalReward: '46800000000',
      totalFee: '360000000',
    }),
  };
}

let answers: Record<string, Answer> = goodAnswers();
let api: Server;
const hanging = new Set<import('node:http').ServerResponse>();

beforeAll(async () => {
  const index = await readFile(join(ROOT, SITE, 'index.html'), 'utf8').catch(() => '');
  if (!index.includes(`connect-src 'self' ${API}`)) {
    throw new Error(`${SITE} is not a build with ${API} as its API base: run \`npm run build:loopback\` first`);
  }
  api = createServer((req, res) => {
    const answer = answers[new URL(req.url ?? '/', API).pathname];
    const headers = { 'access-control-allow-origin': '*', 'cache-control': 'no-store' };
    if (answer === 'hang') return void hanging.add(res);
    if (answer === undefined) return void res.writeHead(404, headers).end('Not found');
    if (typeof answer === 'string') return void res.writeHead(200, { ...headers, 'content-type': 'application/json' }).end(answer);
    res.writeHead(answer.status, headers).end(answer.body ?? '');
  });
  await new Promise<void>((done, fail) => api.once('error', fail).listen(API_PORT, '127.0.0.1', done));
});
afterAll(async () => {
  delete process.env.HASHPIVOT_API_BASE;
  for (const res of hanging) res.destroy();
  await new Promise((done) => api?.close(done));
});

// ---------------------------------------------------------------------------------------------
// The page

const panel = (page: Page) => page.getByTestId('network-view');

async function panelDone(page: Page): Promise<void> {
  await page.locator('[data-testid="network-view"][data-state="done"] [data-testid="chart-net-hashrate"]').waitFor({ timeout: 45_000 });
}

/** The charts' path data and words, to see them change. */
const drawn = (page: Page) =>
  panel(page).evaluate((el) => [...el.querySelectorAll('svg.series path.line')].map((p) => p.getAttribute('d')).join('|'));
const words = (page: Page) =>
  panel(page).evaluate((el) => [...el.querySelectorAll('[data-testid^="words-"]')].map((p) => p.textContent).join('|'));

/** Every start-state field the button fills, as the parameter panel shows it. */
const FIELDS = [
  'startDate',
  'startHeight',
  'startDifficulty',
  'epochElapsedSeconds',
  'hashrateEhs',
  'btcPriceUsd',
  'feesBtcPerBlock',
  'netHashcostUsdPerPhDay',
];
const fields = async (page: Page) => {
  await page.locator('[data-param="netHashcostUsdPerPhDay"]').waitFor({ state: 'attached' });
  return page.evaluate(
    (keys) => Object.fromEntries(keys.map((k) => [k, (document.querySelector(`[data-param="${k}"]`) as HTMLInputElement).value])),
    FIELDS,
  );
};

/** The sentence and its figures for a scenario, from the Node kernel's projections with and without the exit. */
function expectedWave(exitSharePct: number, exitMonth: number) {
  const model = createNodeModel();
  const inputs = resolveInputs({ version: 2, exitSharePct, exitMonth });
  const wave = exitWave(inputs, model.project(inputs), model.project({ ...inputs, exitSharePct: 0 }))!;
  return { wave, sentence: exitWaveSentence(wave) };
}

describe('the network panel', () => {
  it('draws every chart with axes, units and a text alternative; the exit share changes charts and words', () =>
    suite.withPage('/?v=2', async (page) => {
      await panelDone(page);
      for (const id of CHARTS) {
        const svg = panel(page).getByTestId(`chart-${id}`);
        const ticks = await svg.locator('.axis-left .tick text').allTextContents();
        expect(ticks.length, id).toBeGreaterThanOrEqual(3);
        for (const t of ticks) expect(t, id).toMatch(TICK_UNIT[id]!);
        expect(await svg.locator('.axis-bottom .tick text').allTextContents(), id).toContain('2030');
        const label = (await svg.getAttribute('aria-label')) ?? '';
        expect(label, id).toMatch(/month by month\. .+: .+ in month 1, .+ in month 120/);
        expect(label, id).not.toMatch(/NaN|Infinity|undefined/);
        await expect(panel(page).getByTestId(`words-${id}`).textContent()).resolves.toBe(label);
      }
      // No exit wave by default: one scenario, and no sentence.
      await expect(panel(page).getByTestId('exit-wave').count()).resolves.toBe(0);
      const [before, wordsBefore] = [await drawn(page), await words(page)];

      for (const share of [30, 50]) {
        await fillParam(page, 'exitSharePct', String(share));
        await fillParam(page, 'exitMonth', '6');
        const { wave, sentence } = expectedWave(share, 6);
        await expect.poll(() => panel(page).getByTestId('exit-wave').textContent(), { timeout: 30_000 }).toBe(sentence);
        const shown = panel(page).getByTestId('exit-wave');
        expect(Number(await shown.getAttribute('data-jump'))).toBe(wave.jump!.ratio);
        expect(Number(await shown.getAttribute('data-recovery'))).toBe(wave.recovery!.ratio);
        expect(Number(await shown.getAttribute('data-kept'))).toBe(wave.keptGain!.ratio);
        expect(sentence).toContain(`After ${share} % of the hashrate leaves at the end of month 6`);
      }
      // With and without the exit: two lines where there was one, and other words.
      expect(await drawn(page)).not.toBe(before);
      expect(await words(page)).not.toBe(wordsBefore);
      expect(await words(page)).toMatch(/hashrate, no exit: /);
      const hashrateLines = await panel(page).getByTestId('chart-net-hashrate').locator('path.line').count();
      expect(hashrateLines).toBe(4);
    }));

  it('offers the security figures in the heatmap’s metric picker and the response’s inputs in their own group', () =>
    suite.withPage('/?v=2', async (page) => {
      // The explorer mounts after the page's load event (its code is a chunk of its own): wait for the picker.
      await page.getByTestId('metric').waitFor();
      const metrics = await page
        .getByTestId('metric')
        .locator('option')
        .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
      expect(metrics).toEqual(expect.arrayContaining(['securityBudget', 'attackHardware', 'attackPowerPerHour', 'attackRewardPerHour']));
      const group = page.locator('details[data-section="response"]');
      await expect(group.locator('summary').textContent()).resolves.toBe('Network response');
      const keys = await group.locator('[data-param]').evaluateAll((els) => els.map((e) => e.getAttribute('data-param')));
      expect(keys).toEqual([
        'networkResponsePctPerMonth',
        'netHashcostUsdPerPhDay',
        'hashSupplyElasticity',
        'netMaxGrowthPctPerMonth',
        'netMaxDeclinePctPerMonth',
        'netFleetJPerTh',
        'netPowerUsdPerKwh',
      ]);
      await expect(group.getByTestId('response-note').textContent()).resolves.toMatch(/supply curve/);
      // Each with its unit and its source.
      await expect(group.locator('.unit').allTextContents()).resolves.toEqual([
        '%/month',
        'USD/PH/day',
        '',
        '%/month',
        '%/month',
        'J/TH',
        'USD/kWh',
      ]);
      await expect(group.locator('.source').count()).resolves.toBe(7);
    }));
});

describe('the network charts as files', () => {
  it('download as SVG with title and source, as a 2× PNG, and as CSV with the projection’s months', () =>
    suite.withPage('/?v=2&exitSharePct=30&exitMonth=6', async (page) => {
      await panelDone(page);
      await panel(page).getByTestId('exit-wave').waitFor();
      const download = async (testid: string) => {
        const [file] = await Promise.all([page.waitForEvent('download'), panel(page).getByTestId(testid).click()]);
        return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
      };
      const svg = await download('download-net-hashrate-svg');
      expect(svg.name).toBe('hashpivot-net-hashrate.svg');
      const width = Number(/^<svg[^>]* width="(\d+)"/.exec(svg.bytes.toString())?.[1]);
      expect(width).toBeGreaterThanOrEqual(860);
      expect(svg.bytes.toString()).toContain('Hashrate and its target N* (EH/s)');
      const png = await download('download-net-hashrate-png');
      // PNG header: the width, big-endian, at byte 16; twice the SVG's.
      expect([png.name, png.bytes.readUInt32BE(16)]).toEqual(['hashpivot-net-hashrate@2x.png', 2 * width]);
      const csv = (await download('download-net-hashrate-csv')).bytes.toString().trim().split('\n');
      expect(csv[0]).toBe('month,hashrate (EH/s),"hashrate, no exit (EH/s)",target N* (EH/s),"target N*, no exit (EH/s)"');
      expect(csv).toHaveLength(121);
      const model = createNodeModel();
      const inputs = resolveInputs({ version: 2, exitSharePct: 30, exitMonth: 6 });
      const [withExit, without] = [model.project(inputs), model.project({ ...inputs, exitSharePct: 0 })];
      for (const m of [1, 7, 120]) {
        const [a, b] = [withExit.months[m - 1]!, without.months[m - 1]!];
        expect(csv[m]!.split(',').map(Number)).toEqual([m, a.hashrateEhs, b.hashrateEhs, a.targetHashrateEhs, b.targetHashrateEhs]);
      }
    }));
});

describe("today's network", () => {
  it('fills every field from a good answer, says what it read, from where and when, and is undone in one step', () =>
    suite.withPage('/?v=2', async (page) => {
      answers = goodAnswers();
      await page.locator('[data-param="startHeight"]').evaluate((el) => (el.closest('details')!.open = true));
      const before = await fields(page);
      await page.getByTestId('today-network').click();
      await page.locator('[data-testid="today"][data-state="done"]').waitFor();
      expect(await fields(page)).toEqual({
        startDate: '2025-11-30T00:00:00Z',
        startHeight: '927500',
        startDifficulty: '149301214130879.6',
        epochElapsedSeconds: '84000',
        hashrateEhs: '1052.3',
        btcPriceUsd: '91250',
        feesBtcPerBlock: '0.025',
        // 144 · (3.125 + 0.025) · 91,250 · 10^15 / 1.0523e21 = 39.33…, to the cent.
        netHashcostUsdPerPhDay: '39.33',
      });
      await expect(page.getByTestId('today-source').textContent()).resolves.toMatch(
        new RegExp(`Read from ${API} at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC`),
      );
      await expect(page.getByTestId('today-values').locator('dd').count()).resolves.toBe(8);
      await mkdir(SHOTS, { recursive: true });
      await page.getByTestId('today').screenshot({ path: join(SHOTS, 'today-network-1280x800.png') });
      await page.getByTestId('today-undo').click();
      expect(await fields(page)).toEqual(before);
      await expect(page.getByTestId('today-undo').count()).resolves.toBe(0);
    }));

  it('a 500, a timeout, malformed JSON and out-of-range values each give a message and change nothing', () =>
    suite.withPage(
      '/?v=2',
      async (page, watch) => {
        const before = await fields(page);
        const url = page.url();
        const cases: [Record<string, Answer>, RegExp][] = [
          [{ '/api/v1/prices': { status: 500, body: 'Internal Server Error' } }, /\/api\/v1\/prices: the server answered HTTP 500/],
          [{ '/api/v1/mining/hashrate/3d': '{"currentHashrate": 1.0e21,' }, /\/api\/v1\/mining\/hashrate\/3d: the answer is not JSON/],
          [{ '/api/v1/prices': JSON.stringify({ USD: -5 }) }, /outside what a scenario allows.*btcPriceUsd/],
          [{ '/api/v1/prices': 'hang' }, /\/api\/v1\/prices: no answer within 10 s \(timed out\)/],
        ];
        for (const [over, message] of cases) {
          answers = { ...goodAnswers(), ...over };
          await page.getByTestId('today-network').click();
          await page.locator('[data-testid="today"][data-state="error"]').waitFor({ timeout: 15_000 });
          await expect(page.getByTestId('today-message').textContent()).resolves.toMatch(message);
          await expect(page.getByTestId('today-message').textContent()).resolves.toMatch(/nothing was changed/);
          expect(await fields(page)).toEqual(before);
          expect(page.url()).toBe(url);
        }
        // The browser reports the 500 and the abandoned request; nothing else went wrong.
        expect(watch.problems.filter((p) => !p.includes(`${API}/api/v1/prices`))).toEqual([]);
      },
      { allowProblems: true },
    ));

  it('says so when the network is off', () =>
    suite.withPage('/?v=2', async (page) => {
      answers = goodAnswers();
      const before = await fields(page);
      await page.context().setOffline(true);
      try {
        await page.getByTestId('today-network').click();
        await expect(page.getByTestId('today-message').textContent()).resolves.toMatch(/^You are offline: .*nothing was changed/);
        expect(await fields(page)).toEqual(before);
      } finally {
        await page.context().setOffline(false);
      }
    }));
});

describe('the new controls by keyboard, on a phone and in dark mode', () => {
  it('reaches the button, the response group and each chart’s words by Tab', () =>
    suite.withPage('/?v=2', async (page) => {
      await panelDone(page);
      const want = new Set([
        'today-network',
        'response-summary',
        ...CHARTS.flatMap((id) => [`words-${id}`, `download-${id}-svg`, `download-${id}-png`, `download-${id}-csv`]),
      ]);
      const seen = new Set<string>();
      for (let k = 0; k < 400 && seen.size < want.size; k++) {
        await page.keyboard.press('Tab');
        const name = await page.evaluate(() => {
          const a = document.activeElement;
          if (a?.matches('[data-testid="today-network"]')) return 'today-network';
          if (a?.matches('details[data-section="response"] > summary')) return 'response-summary';
          if (a?.matches('[data-testid^="download-net-"]')) return a.getAttribute('data-testid')!;
          const words = a?.matches('summary') ? a.parentElement?.querySelector('[data-testid^="words-"]') : null;
          return words?.getAttribute('data-testid') ?? '';
        });
        if (want.has(name)) seen.add(name);
      }
      expect([...seen].sort()).toEqual([...want].sort());
    }));

  for (const scheme of ['light', 'dark'] as const) {
    it(`fits 390 px, keeps its text readable, and is photographed (${scheme})`, async () => {
      const page = await suite.browser.newPage();
      const watch = watchPage(page);
      try {
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(suite.preview.href('/?v=2&exitSharePct=30&exitMonth=6'));
        await panelDone(page);
        await panel(page).getByTestId('exit-wave').waitFor();
        await mkdir(SHOTS, { recursive: true });
        await panel(page).screenshot({ path: join(SHOTS, `network-1280x800-${scheme}.png`) });
        await page.setViewportSize({ width: 390, height: 844 });
        // The charts take the new width at a later frame.
        await expect.poll(() => noHorizontalScroll(page), { timeout: 10_000 }).toBe(true);
        for (const root of ['[data-testid="network-view"]', '[data-testid="today"]', 'details[data-section="response"]']) {
          expect(await lowContrast(page, root), root).toEqual([]);
        }
        await panel(page).evaluate((el) => el.scrollIntoView({ block: 'start' }));
        await page.screenshot({ path: join(SHOTS, `network-390x844-${scheme}.png`) });
        expect(watch.problems).toEqual([]);
      } finally {
        watch.stop();
        await page.close();
      }
    });
  }
});
