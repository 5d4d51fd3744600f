/**
 * The browser test harness: the built site served by `vite preview`, Debian's Chromium driven by
 * playwright-core, and a watch on each page for errors. Every browser test file uses it:
 *
 *   const suite = browserSuite();          // beforeAll: preview + browser; afterAll: both closed
 *   it('…', () => suite.withPage('/', async (page) => { … }));
 *
 * Everything a test starts is ended by the test: the preview server by its pid (an `npx` wrapper
 * would leave an orphan holding the port), Chromium with its context, its profile folder removed.
 * Ports are picked free at start, so files can run side by side; a second server (an embedding
 * page on another origin) is one more `startPreview()` or `startStaticServer()`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createServer as createHttpServer, type OutgoingHttpHeaders } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const HOST = '127.0.0.1';

/** Debian's Chromium; never a downloaded one. */
export const CHROMIUM_PATH = process.env.HASHPIVOT_CHROMIUM ?? '/usr/bin/chromium';

/**
 * As root in a closed network: without the background-networking flags Chromium keeps trying to
 * reach its services. The profile folder (--user-data-dir) is passed by Playwright.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const STARTUP_MS = 30_000;

export interface Server {
  /** The origin with a trailing slash, e.g. `http://127.0.0.1:41234/`. */
  readonly url: string;
  readonly port: number;
  /** An absolute URL for a path on this server. */
  href(path?: string): string;
  close(): Promise<void>;
}

export interface PreviewServer extends Server {
  /** The pid of the `vite preview` process (node itself, no wrapper). */
  readonly pid: number;
  /** What the server printed so far, for failure messages. */
  output(): string;
}

/** A port nobody listens on right now, from the kernel. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createNetServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, HOST, () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

function makeHref(url: string) {
  return (path = '/') => new URL(path, url).href;
}

// Children still running when the test process exits (a crash, a missed afterAll) are ended here.
const liveChildren = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of liveChildren) {
    if (child.pid !== undefined) {
      try {
        process.kill(child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
});

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || exited(child)) {
    liveChildren.delete(child);
    return;
  }
  const pid = child.pid;
  const gone = new Promise<void>((done) => child.once('exit', () => done()));
  process.kill(pid, 'SIGTERM');
  const timer = setTimeout(() => {
    if (!exited(child)) process.kill(pid, 'SIGKILL');
  }, 5_000);
  await gone;
  clearTimeout(timer);
  liveChildren.delete(child);
}

/** Resolves once `url` answers 200; rejects when `alive()` turns false or time runs out. */
async function waitForHttp(url: string, alive: () => boolean, describe: () => string): Promise<void> {
  const deadline = Date.now() + STARTUP_MS;
  for (;;) {
    if (!alive()) throw new Error(`server for ${url} exited before answering:\n${describe()}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server for ${url} did not answer in ${STARTUP_MS} ms:\n${describe()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface PreviewOptions {
  /** A fixed port; by default a free one (and another one if it is taken meanwhile). */
  port?: number;
  /** The built site to serve, relative to the project root; `$HASHPIVOT_DIST` or else `dist` by default. */
  outDir?: string;
  /** A page the built site must have; `index.html` by default. */
  page?: string;
}

/**
 * Serves the built site with `vite preview` in a child process, on 127.0.0.1. Needs
 * `npm run build` first (`npm test` does it).
 */
export async function startPreview(options: PreviewOptions = {}): Promise<PreviewServer> {
  const outDir = options.outDir ?? process.env.HASHPIVOT_DIST ?? 'dist';
  const page = options.page ?? 'index.html';
  if (!existsSync(join(ROOT, outDir, page))) {
    throw new Error(`${outDir}/${page} is missing: run \`npm test\` (it builds the site and the test pages) first`);
  }
  const attempts = options.port === undefined ? 3 : 1;
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const port = options.port ?? (await freePort());
    try {
      return await spawnPreview(port, outDir, page);
    } catch (error) {
      // Most likely another process took the port between freePort() and listen: try another.
      lastError = error;
    }
  }
  throw lastError;
}

async function spawnPreview(port: number, outDir: string, page: string): Promise<PreviewServer> {
  const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const child = spawn(process.execPath, [vite, 'preview', '--host', HOST, '--strictPort', '--port', String(port), '--outDir', outDir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  liveChildren.add(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const pid = child.pid;
  const url = `http://${HOST}:${port}/`;
  const server: PreviewServer = {
    url,
    port,
    pid: pid ?? -1,
    href: makeHref(url),
    output: () => output,
    close: () => stopChild(child),
  };
  try {
    if (pid === undefined) throw new Error('could not start vite preview');
    await waitForHttp(
      url + (page === 'index.html' ? '' : page),
      () => !exited(child),
      () => output,
    );
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  return server;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticServerOptions {
  /** A folder to serve (e.g. a fixture); paths outside it are refused. */
  root?: string;
  /** Pages served from memory, by path (`/host.html`); checked before `root`. */
  files?: Record<string, string>;
  /** Extra headers on every response (e.g. a Content-Security-Policy to test an embed under). */
  headers?: OutgoingHttpHeaders;
  port?: number;
}

/**
 * A small static server in this process, on 127.0.0.1: a second origin for embed tests, or a
 * fixture folder. Ends with the test process at the latest.
 */
export async function startStaticServer(options: StaticServerOptions = {}): Promise<Server> {
  const root = options.root === undefined ? undefined : resolve(options.root);
  const files = options.files ?? {};
  const server = createHttpServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const send = (status: number, body: string | Buffer, type: string) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...options.headers });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    const inMemory = files[path] ?? (path.endsWith('/') ? files[`${path}index.html`] : undefined);
    if (inMemory !== undefined) {
      return send(200, inMemory, CONTENT_TYPES[extname(path) || '.html'] ?? 'text/html; charset=utf-8');
    }
    if (root) {
      let file = resolve(root, `.${path}`);
      if (file === root || file.startsWith(root + sep)) {
        try {
          if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
          return send(200, await readFile(file), CONTENT_TYPES[extname(file)] ?? 'application/octet-stream');
        } catch {
          // fall through to 404
        }
      }
    }
    send(404, 'not found', 'text/plain; charset=utf-8');
  });
  const port = options.port ?? 0;
  await new Promise<void>((done, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => done());
  });
  server.unref();
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('static server has no address');
  const url = `http://${HOST}:${address.port}/`;
  return {
    url,
    port: address.port,
    href: makeHref(url),
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

export interface BrowserOptions {
  viewport?: { width: number; height: number };
  /** More Chromium flags, after CHROMIUM_ARGS. */
  args?: string[];
  /** Start offline (`context.setOffline` switches later). */
  offline?: boolean;
}

export interface BrowserSession {
  /** A persistent context: one Chromium with its own fresh profile (IndexedDB, service workers). */
  readonly context: BrowserContext;
  readonly userDataDir: string;
  newPage(): Promise<Page>;
  /** Closes Chromium and removes its profile folder. */
  close(): Promise<void>;
}

/** Launches Debian's Chromium headless with a fresh temporary profile. */
export async function launchBrowser(options: BrowserOptions = {}): Promise<BrowserSession> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} is missing: install Debian's chromium (apt-get install chromium)`);
  }
  const userDataDir = await mkdtemp(join(tmpdir(), 'hashpivot-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      chromiumSandbox: false,
      args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
      viewport: options.viewport ?? { width: 1280, height: 800 },
      offline: options.offline,
      serviceWorkers: 'allow',
      timeout: STARTUP_MS,
    });
  } catch (error) {
    await rm(userDataDir, { recursive: true, force: true });
    throw error;
  }
  let closed = false;
  return {
    context,
    userDataDir,
    newPage: () => context.newPage(),
    async close() {
      if (closed) return;
      closed = true;
      try {
        await context.close();
      } finally {
        await rm(userDataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
      }
    },
  };
}

export interface PageWatch {
  /** Page errors, console errors (the page's and its workers'), failed and 4xx/5xx requests. */
  readonly problems: string[];
  stop(): void;
}

/** Collects everything that went wrong on a page from now on. */
export function watchPage(page: Page): PageWatch {
  const problems: string[] = [];
  const onPageError = (error: Error) => problems.push(`pageerror: ${error.message}`);
  const onConsole = (message: { type(): string; text(): string; location(): { url: string } }) => {
    if (message.type() === 'error') problems.push(`console.error: ${message.text()} (${message.location().url})`);
  };
  const onRequestFailed = (request: { url(): string; failure(): { errorText: string } | null }) =>
    problems.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`.trim());
  const onResponse = (response: { url(): string; status(): number }) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  };
  page.on('pageerror', onPageError);
  page.on('console', onConsole);
  page.on('requestfailed', onRequestFailed);
  page.on('response', onResponse);
  return {
    problems,
    stop() {
      page.off('pageerror', onPageError);
      page.off('console', onConsole);
      page.off('requestfailed', onRequestFailed);
      page.off('response', onResponse);
    },
  };
}

export interface WithPageOptions {
  /** Let the page have problems (a test of the error state); by default any problem fails. */
  allowProblems?: boolean;
}

/**
 * Opens `url` in a new page of `session`, runs `fn`, closes the page, and fails when the page
 * logged an error, threw, or had a request fail.
 */
export async function withPage<T>(
  session: BrowserSession,
  url: string,
  fn: (page: Page, watch: PageWatch) => Promise<T>,
  options: WithPageOptions = {},
): Promise<T> {
  const page = await session.newPage();
  const watch = watchPage(page);
  try {
    await page.goto(url, { waitUntil: 'load' });
    const result = await fn(page, watch);
    if (!options.allowProblems && watch.problems.length > 0) {
      throw new Error(`the page had problems:\n  ${watch.problems.join('\n  ')}`);
    }
    return result;
  } finally {
    watch.stop();
    await page.close();
  }
}

export interface BrowserSuite {
  readonly preview: PreviewServer;
  readonly browser: BrowserSession;
  /** `withPage` on this suite's browser; `path` is resolved against the preview's origin. */
  withPage<T>(path: string, fn: (page: Page, watch: PageWatch) => Promise<T>, options?: WithPageOptions): Promise<T>;
}

/**
 * Registers beforeAll/afterAll in the calling test file: one preview server and one browser for
 * the file, both ended afterwards even when a test failed.
 */
export function browserSuite(options: { preview?: PreviewOptions; browser?: BrowserOptions } = {}): BrowserSuite {
  let preview: PreviewServer | undefined;
  let browser: BrowserSession | undefined;
  beforeAll(async () => {
    preview = await startPreview(options.preview);
    browser = await launchBrowser(options.browser);
  });
  afterAll(async () => {
    await Promise.allSettled([browser?.close(), preview?.close()]);
  });
  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the ${what} did not start (see beforeAll)`);
    return value;
  };
  return {
    get preview() {
      return need(preview, 'preview server');
    },
    get browser() {
      return need(browser, 'browser');
    },
    withPage(path, fn, pageOptions) {
      return withPage(need(browser, 'browser'), need(preview, 'preview server').href(path), fn, pageOptions);
    },
  };
}
