// Browser-mode figures for issue 13 ("Speed in the UI"), printed, never asserted. Expects the
// renderer built (`npm run build`); starts the real server (test/e2e/support/server.ts) on
// generated CMDBs (test/support/synthetic-cmdb.ts) and drives Debian Chromium:
//   npm run build && npx tsx test/perf/ui-perf.ts [--runs N] [--cis N] [--profile DIR] [--shots DIR]
// (a) a 2,000-CI CMDB: navigation → graph laid out (the renderer's `faultline:laid-out` mark),
//     in a fresh browser context each run (no stored positions), median of N;
// (b) a 100k-CI CMDB: open, search, neighbourhood depth, back to the hub, simulate it, exit, filter to a
//     ~1,000-node view: each step's time and its main-thread long tasks (PerformanceObserver);
// (c) the worker layout of a 1,000-node view (`faultline:layout` measures): the whole of a
//     1,000-CI CMDB (median of N) and the filtered view of (b).
// --profile DIR writes a Chromium CPU profile (.cpuprofile) per step of (b); --shots DIR a 1280×800
// screenshot of the 1,000-CI view and after each step of (b).
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LAID_OUT_MARK, LAYOUT_MEASURE } from '../../src/renderer/graph/perf-marks';
import { median } from '../bench/stats';
import type { HookHost } from '../e2e/support/explore';
import { startServer, type RunningServer } from '../e2e/support/server';
import { generateSyntheticCmdb } from '../support/synthetic-cmdb';

const LAUNCH = {
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
};
const VIEWPORT = { width: 1280, height: 800 };
const LONG = 200;
/** A step has ended when the graph has settled and no new layout came for this long. */
const QUIET_MS = 600;

// Collects the page's long tasks from its first script on (tsconfig.node has no DOM types, hence a string).
const OBSERVE_LONG_TASKS = `
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
`;

interface PageFigures {
  now: number;
  laidOut: { t: number; nodes: number }[];
  layouts: { start: number; duration: number; nodes: number; edges: number }[];
  longTasks: { start: number; duration: number }[];
  settled: boolean;
  /** The graph had not settled when settleAfter gave up. */
  timedOut?: boolean;
}

function arg(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

async function figures(page: Page): Promise<PageFigures> {
  return page.evaluate(
    ([laidOutName, layoutName]) => {
      const g = globalThis as unknown as HookHost & { __longTasks: { start: number; duration: number }[] };
      const hook = g.__faultlineGraph;
      return {
        now: performance.now(),
        laidOut: performance.getEntriesByName(laidOutName).map((e) => ({ t: e.startTime, nodes: (e as unknown as { detail: { nodes: number } }).detail.nodes })),
        layouts: performance.getEntriesByName(layoutName).map((e) => {
          const detail = (e as unknown as { detail: { nodes: number; edges: number } }).detail;
          return { start: e.startTime, duration: e.duration, nodes: detail.nodes, edges: detail.edges };
        }),
        longTasks: g.__longTasks,
        settled: Boolean(hook && hook.isSettled() && hook.nodeIds().length > 0),
      };
    },
    [LAID_OUT_MARK, LAYOUT_MEASURE] as const,
  );
}

/** The page's requests in flight and when the last one started or ended (Node clock). */
function trackRequests(page: Page): { inFlight(): number; idleMs(): number } {
  let inFlight = 0;
  let last = Date.now();
  const done = () => {
    inFlight--;
    last = Date.now();
  };
  page.on('request', () => {
    inFlight++;
    last = Date.now();
  });
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  return { inFlight: () => inFlight, idleMs: () => Date.now() - last };
}
type Requests = ReturnType<typeof trackRequests>;

/**
 * Waits until the graph has settled with no request in flight, and neither a layout (one newer
 * than `after`, if the step brought any) nor a request came for QUIET_MS; gives up after the
 * timeout (FAULTLINE_PERF_TIMEOUT ms, default 300 s), flagging the figures.
 */
async function settleAfter(page: Page, requests: Requests, after: number, timeoutMs = Number(process.env.FAULTLINE_PERF_TIMEOUT ?? 300_000)): Promise<PageFigures> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const f = await figures(page);
    const last = f.laidOut.filter((m) => m.t > after).pop()?.t ?? after;
    if (f.settled && requests.inFlight() === 0 && requests.idleMs() >= QUIET_MS && f.now - last >= QUIET_MS) return f;
    if (Date.now() > deadline) return { ...f, timedOut: true };
    await page.waitForTimeout(100);
  }
}

interface StepFigure {
  name: string;
  /** To the step's last laid-out graph; null when the step drew nothing new. nodes: then on the canvas; layoutMs: the step's last worker layout. */
  ms: number | null;
  timedOut: boolean;
  nodes: number;
  longest: number;
  over: number;
  layoutMs: number | null;
}

function stepFigure(name: string, start: number, f: PageFigures): StepFigure {
  const end = f.laidOut.filter((m) => m.t > start).pop();
  const tasks = f.longTasks.filter((t) => t.start + t.duration > start && t.start <= f.now);
  const layouts = f.layouts.filter((l) => l.start >= start);
  return {
    name,
    ms: end === undefined ? null : end.t - start,
    timedOut: Boolean(f.timedOut),
    nodes: f.laidOut.at(-1)?.nodes ?? 0,
    longest: Math.max(0, ...tasks.map((t) => t.duration)),
    over: tasks.filter((t) => t.duration > LONG).length,
    layoutMs: layouts.at(-1)?.duration ?? null,
  };
}

async function writeCmdb(dir: string, cis: number): Promise<string> {
  const file = join(dir, `cmdb-${cis}.faultline`);
  await writeFile(file, JSON.stringify(generateSyntheticCmdb({ cis, seed: 3 })));
  return file;
}

async function withServer<T>(cis: number, body: (server: RunningServer) => Promise<T>): Promise<T> {
  const dataDir = await mkdtemp(join(tmpdir(), 'faultline-perf-'));
  try {
    const server = await startServer({ dataDir, open: await writeCmdb(dataDir, cis) });
    try {
      return await body(server);
    } finally {
      await server.stop();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function freshPage(browser: Browser): Promise<{ context: BrowserContext; page: Page; requests: Requests }> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addInitScript({ content: OBSERVE_LONG_TASKS });
  const page = await context.newPage();
  return { context, page, requests: trackRequests(page) };
}

/** Opens the server's page in a fresh context: navigation start → first laid-out graph. */
async function coldOpen(browser: Browser, server: RunningServer, shot?: string): Promise<{ ms: number; f: PageFigures }> {
  const { context, page, requests } = await freshPage(browser);
  try {
    await page.goto(server.url);
    const f = await settleAfter(page, requests, -1);
    if (shot) await page.screenshot({ path: shot });
    return { ms: f.laidOut[0].t, f };
  } finally {
    await context.close();
  }
}

async function searchFor(page: Page, query: string, ciId: string): Promise<void> {
  await page.keyboard.press('Control+k');
  await page.getByTestId('search-input').fill(query);
  await page.locator(`[data-testid="search-result"][data-ci-id="${ciId}"]`).click();
}

async function profiled<T>(page: Page, dir: string | undefined, name: string, body: () => Promise<T>): Promise<T> {
  if (!dir) return body();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.start');
  try {
    return await body();
  } finally {
    const { profile } = await cdp.send('Profiler.stop');
    await writeFile(join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
    await cdp.detach();
  }
}

/** (b) and the filtered ~1,000-node view of (c): one pass of the steps on a large CMDB. */
async function largeSteps(browser: Browser, server: RunningServer, profileDir: string | undefined, shotDir: string | undefined): Promise<StepFigure[]> {
  const { context, page, requests } = await freshPage(browser);
  const steps: StepFigure[] = [];
  const shoot = async (file: string) => {
    if (shotDir) await page.screenshot({ path: join(shotDir, `${file}.png`) });
  };
  const step = async (name: string, action: () => Promise<void>): Promise<void> => {
    const start = (await figures(page)).now;
    const file = name.replace(/[^a-z0-9]+/gi, '-');
    await profiled(page, profileDir, file, async () => {
      await action();
      steps.push(stepFigure(name, start, await settleAfter(page, requests, start)));
    });
    await shoot(file);
  };
  try {
    await profiled(page, profileDir, 'open', async () => {
      await page.goto(server.url);
      steps.push(stepFigure('open (2-hop view of the auto focus)', 0, await settleAfter(page, requests, -1)));
    });
    await shoot('open');
    await step('search "Business service 60" → its neighbourhood', async () => {
      await searchFor(page, 'Business service 60', 'bsvc-60');
      await page.getByTestId('neighbourhood-centre').filter({ hasText: 'Business service 60' }).waitFor();
    });
    await step('neighbourhood depth 1 → 3', () => page.getByTestId('neighbourhood-depth').fill('3'));
    await step('search "Datacenter 0" (the opening focus)', async () => {
      await searchFor(page, 'Datacenter 0', 'site-0');
      await page.getByTestId('neighbourhood-centre').filter({ hasText: 'Datacenter 0' }).waitFor();
    });
    await step('simulate site-0 going down', async () => {
      await page.getByTestId('simulate-change').click();
      await page.getByTestId('impact-total').waitFor({ timeout: 120_000 });
    });
    await step('exit the simulation', () => page.getByTestId('impact-exit').click());
    await step('filter: network, storage, site, business', async () => {
      await page.getByTestId('neighbourhood-toggle').uncheck();
      for (const c of ['network_device', 'storage', 'site', 'business_service']) await page.getByTestId(`filter-class-${c}`).check();
    });
    return steps;
  } finally {
    await context.close();
  }
}

function row(cells: (string | number)[], widths: number[]): string {
  return cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join(' ');
}

async function main(): Promise<void> {
  const runs = Number(arg('--runs') ?? 3);
  const cis = Number(arg('--cis') ?? 100_000);
  const profileDir = arg('--profile');
  const shotDir = arg('--shots');
  for (const dir of [profileDir, shotDir]) if (dir) await mkdir(dir, { recursive: true });
  const browser = await chromium.launch(LAUNCH);
  try {
    const opens: number[] = [];
    const openTasks: number[] = [];
    await withServer(2000, async (server) => {
      for (let i = 0; i < runs; i++) {
        const { ms, f } = await coldOpen(browser, server);
        opens.push(ms);
        openTasks.push(Math.max(0, ...f.longTasks.map((t) => t.duration)));
      }
    });
    console.log(`(a) 2,000-CI CMDB, navigation → laid-out graph, fresh context, median of ${runs}: ${median(opens).toFixed(0)} ms` +
      `  [runs ${opens.map((v) => v.toFixed(0)).join(', ')}; longest long task, median ${median(openTasks).toFixed(0)} ms]`);

    const wholeLayouts: number[] = [];
    let whole = '';
    await withServer(1000, async (server) => {
      for (let i = 0; i < runs; i++) {
        const { f } = await coldOpen(browser, server, i === 0 && shotDir ? join(shotDir, 'whole-1000.png') : undefined);
        const layout = f.layouts.filter((l) => l.nodes > 2).at(-1);
        if (!layout) continue;
        wholeLayouts.push(layout.duration);
        whole = `${layout.nodes} nodes, ${layout.edges} edges`;
      }
    });

    const steps = await withServer(cis, (server) => largeSteps(browser, server, profileDir, shotDir));
    const widths = [52, 9, 6, 9, 7, 9];
    console.log(`(b) ${cis.toLocaleString('en')}-CI CMDB, one pass (times to the last laid-out graph of the step):`);
    console.log(row(['  step', 'ms', 'nodes', 'longest', `>${LONG}ms`, 'layout'], widths));
    for (const s of steps) console.log(row([`  ${s.name}`, s.timedOut ? 'unsettled' : s.ms === null ? 'no layout' : s.ms.toFixed(0), s.nodes, `${s.longest.toFixed(0)} ms`, s.over, s.layoutMs === null ? '-' : `${s.layoutMs.toFixed(0)} ms`], widths));
    const filtered = steps.at(-1)!;
    console.log(`(c) worker layout of a 1,000-node view (post → reply):`);
    console.log(`  1,000-CI CMDB, whole (${whole}), median of ${wholeLayouts.length}: ${median(wholeLayouts).toFixed(0)} ms`);
    console.log(`  ${cis.toLocaleString('en')}-CI CMDB, filtered (${filtered.nodes} nodes): ${filtered.layoutMs === null ? '-' : filtered.layoutMs.toFixed(0)} ms`);
  } finally {
    await browser.close();
  }
}

void main();
