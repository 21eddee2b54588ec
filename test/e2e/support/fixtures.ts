// Playwright fixtures: a fresh data folder and a real browser-mode server per test, and the
// Explore screen opened on it with the graph laid out.
import { test as base } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitForGraph } from './explore';
import { startServer, type RunningServer } from './server';

interface Fixtures {
  dataDir: string;
  server: RunningServer;
  /** The page, opened on the server with the first graph laid out. */
  explore: RunningServer;
}

export const test = base.extend<Fixtures>({
  dataDir: async ({}, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'faultline-e2e-'));
    await use(dir);
    await rm(dir, { recursive: true, force: true });
  },
  server: async ({ dataDir }, use) => {
    const server = await startServer({ dataDir });
    await use(server);
    await server.stop();
  },
  explore: async ({ page, server }, use) => {
    await page.goto(server.url);
    await waitForGraph(page);
    await use(server);
  },
});

export { expect } from '@playwright/test';
