import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { apiRoutes, createLocalServer, widgetsRoute, type RestHandler } from '../../local/http';

const ROOT = join(__dirname, '..', '..');

/**
 * Runs the real widgets build (Vite, as `npm start` and the infra run it) into
 * a fresh folder. A child process, because Vite is ESM-only and jest's module
 * system is not.
 */

// Widgets only use the public path; the partner path knows no keys here.
const NO_PARTNER_KEYS = { getCredential: async () => null };

export function buildWidgetsOnce(): string {
  const outDir = mkdtempSync(join(tmpdir(), 'widgets-build-'));
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'widgets', 'build.ts'), outDir], {
    cwd: ROOT,
    stdio: 'pipe',
  });
  return outDir;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export interface Sites {
  /** Origin of the API and of the widget files (`/graphql`, `/widgets/`), as `npm start` serves them. */
  apiOrigin: string;
  /** A different origin: the "city website" that pastes the snippets. */
  pageOrigin: string;
  /** Pages the city website serves, by path. */
  pages: Map<string, string>;
  close(): Promise<void>;
}

/** The real handler over the test DynamoDB Local plus the built widgets on one origin, a plain page server on another. */
export async function startSites(widgetsDir: string): Promise<Sites> {
  const { handler } = await import('../../functions/graphql/handler');
  const api = createLocalServer([...apiRoutes(handler as unknown as RestHandler, NO_PARTNER_KEYS), widgetsRoute('/widgets/', widgetsDir)]);
  const pages = new Map<string, string>();
  const site = createServer((req, res) => {
    const body = pages.get(new URL(req.url ?? '/', 'http://localhost').pathname);
    if (body === undefined) res.writeHead(404).end();
    else res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
  });
  const [apiOrigin, pageOrigin] = [await listen(api), await listen(site)];
  return {
    apiOrigin,
    pageOrigin,
    pages,
    close: async () => {
      await Promise.all([api, site].map((s) => new Promise((resolve) => s.close(resolve))));
    },
  };
}

/** Debian's Chromium with a fresh profile; Playwright downloads no browser. */
export async function launchChromium(): Promise<BrowserContext> {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'widgets-chromium-')), {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    viewport: { width: 1000, height: 900 },
  });
}
