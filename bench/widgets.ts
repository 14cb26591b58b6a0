/**
 * Widgets in Chromium on loopback: time from navigation to the profile and
 * map widgets showing data, and bytes transferred, cold (fresh profile) and
 * with a warm HTTP cache (reload), side by side with a baseline page that
 * fetches the same data with the same GETs and writes it with innerHTML.
 * Both pages are served from another origin than the API, as on a city
 * website. `npm run bench:widgets`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { apiRoutes, createLocalServer, widgetsRoute, type RestHandler } from '../local/http';
import { WidgetMap, WidgetProfile } from '../widgets/src/__generated__/documents';
import { median, printTable, ratio, round } from './lib/report';
import { runAsScript } from './lib/store';


// Widgets only use the public path; the partner path knows no keys here.
const NO_PARTNER_KEYS = { getCredential: async () => null };

export const RUNS = 5;
const ROOT = join(__dirname, '..');

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Records when both widgets have data, from the page's own clock (ms since navigation start). */
const WIDGET_PROBE = `<script>
  const done = () => [...document.querySelectorAll('engagierte-stadt-profil, engagierte-stadt-karte')].every((e) => e.dataset.state === 'loaded');
  new MutationObserver((_, o) => { if (done()) { window.__shown = performance.now(); o.disconnect(); } })
    .observe(document.documentElement, { subtree: true, attributes: true, attributeFilter: ['data-state'] });
</script>`;

function widgetsPage(apiOrigin: string): string {
  return `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Widgets</title>${WIDGET_PROBE}</head><body>
<script type="module" src="${apiOrigin}/widgets/widgets.js"></script>
<engagierte-stadt-profil api="${apiOrigin}/graphql" ags="15001000"></engagierte-stadt-profil>
<engagierte-stadt-karte api="${apiOrigin}/graphql" state="DE-ST"></engagierte-stadt-karte>
</body></html>`;
}

/** The same two GETs (same hashes, variables and headers, so the same caching), rendered by hand. */
function baselinePage(apiOrigin: string): string {
  const url = (hash: string, variables: unknown) =>
    `${apiOrigin}/graphql?${new URLSearchParams({ variables: JSON.stringify(variables), extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } }) })}`;
  return `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Baseline</title></head><body>
<div id="profile"></div><div id="map"></div>
<script type="module">
  const get = (u) => fetch(u, { headers: { accept: 'application/graphql-response+json, application/json' }, credentials: 'omit' }).then((r) => r.json());
  const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => '&#' + c.charCodeAt(0) + ';');
  const [p, m] = await Promise.all([get(${JSON.stringify(url(WidgetProfile, { ags: '15001000' }))}), get(${JSON.stringify(url(WidgetMap, { state: 'DE-ST', programId: null }))})]);
  const c = p.data.city;
  document.getElementById('profile').innerHTML = '<h2>' + esc(c.name) + '</h2><ul>' + c.memberships.map((x) => '<li>' + esc(x.program.name) + '</li>').join('') + '</ul>';
  document.getElementById('map').innerHTML = '<ul>' + m.data.cities.nodes.map((x) => '<li>' + esc(x.name) + '</li>').join('') + '</ul>';
  window.__shown = performance.now();
</script></body></html>`;
}

export async function runWidgets() {
  const widgetsDir = mkdtempSync(join(tmpdir(), 'widgets-bench-'));
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'widgets', 'build.ts'), widgetsDir], { cwd: ROOT, stdio: 'pipe' });
  const { handler } = await import('../functions/graphql/handler');
  const api = createLocalServer([...apiRoutes(handler as unknown as RestHandler, NO_PARTNER_KEYS), widgetsRoute('/widgets/', widgetsDir)]);
  const pages = new Map<string, string>();
  const site = createServer((req, res) => {
    const body = pages.get(new URL(req.url ?? '/', 'http://localhost').pathname);
    if (body === undefined) res.writeHead(404).end();
    else res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' }).end(body);
  });
  const apiOrigin = await listen(api);
  const pageOrigin = await listen(site);
  pages.set('/widgets.html', widgetsPage(apiOrigin));
  pages.set('/baseline.html', baselinePage(apiOrigin));

  const samples: Record<string, { ms: number[]; bytes: number[] }> = {};
  const record = (key: string, ms: number, bytes: number) => {
    samples[key] ??= { ms: [], bytes: [] };
    samples[key]!.ms.push(ms);
    samples[key]!.bytes.push(bytes);
  };
  try {
    // Warm the server (Lambda container, DynamoDB Local) so the first page measured does not pay for it.
    for (const path of ['/widgets.html', '/baseline.html']) {
      const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'widgets-bench-chromium-')), launchOptions());
      const page = await context.newPage();
      await page.goto(pageOrigin + path);
      await page.waitForFunction(() => (window as any).__shown !== undefined);
      await context.close();
    }
    for (let run = 0; run < RUNS; run++) {
      // Alternate the order so neither page always runs first.
      for (const path of run % 2 ? ['/baseline.html', '/widgets.html'] : ['/widgets.html', '/baseline.html']) {
        const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'widgets-bench-chromium-')), launchOptions());
        const page = await context.newPage();
        // Bytes on the wire from the browser's own network log: Resource Timing hides the
        // sizes of cross-origin responses, and every API and widget file here is cross-origin.
        const cdp = await context.newCDPSession(page);
        await cdp.send('Network.enable');
        let bytes = 0;
        cdp.on('Network.loadingFinished', (event: { encodedDataLength: number }) => (bytes += event.encodedDataLength));
        for (const phase of ['cold', 'warm'] as const) {
          bytes = 0;
          if (phase === 'cold') await page.goto(pageOrigin + path);
          else await page.reload();
          await page.waitForFunction(() => (window as any).__shown !== undefined);
          const shown = await page.evaluate(() => (window as any).__shown as number);
          record(`${path.slice(1, -5)} ${phase}`, shown, bytes);
        }
        await context.close();
      }
    }
  } finally {
    await Promise.all([api, site].map((s) => new Promise((resolve) => s.close(resolve))));
  }
  const rows = Object.entries(samples).map(([key, s]) => ({ page: key, 'median ms to data': round(median(s.ms), 1), 'median bytes transferred': median(s.bytes), runs: s.ms.length }));
  const get = (key: string) => samples[key]!;
  const ratios = (['cold', 'warm'] as const).map((phase) => ({
    phase,
    'time widgets/baseline': ratio(median(get(`widgets ${phase}`).ms), median(get(`baseline ${phase}`).ms)),
    'bytes widgets/baseline': ratio(median(get(`widgets ${phase}`).bytes), median(get(`baseline ${phase}`).bytes)),
  }));
  return { runs: RUNS, rows, ratios };
}

function launchOptions() {
  return {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  };
}

export function printWidgets(result: Awaited<ReturnType<typeof runWidgets>>): void {
  printTable(`Profile + map widgets vs fetch+innerHTML baseline, Chromium on loopback, ${result.runs} runs each (page on another origin than the API)`, result.rows);
  printTable('Widgets / baseline (medians)', result.ratios);
}

runAsScript(module, 'widgets', { run: () => runWidgets(), print: printWidgets, seed: true });
