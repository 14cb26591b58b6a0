import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { parseCsvObjects } from '../../seed/csv';
import { memberRows } from '../support/domain';
import { buildWidgetsOnce, launchChromium, startSites, type Sites } from './support';

const ROOT = join(__dirname, '..', '..');
const ARTIFACTS = join(ROOT, 'test-artifacts', 'widgets');
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const WIDGETS = ['engagierte-stadt-profil', 'engagierte-stadt-karte', 'engagierte-stadt-gluecksbringer', 'engagierte-stadt-programm'] as const;

// Expected values come from the seed's source files, read here without the seed code.
const participants = parseCsvObjects(readFileSync(join(ROOT, 'seed', 'programme-participants.csv'), 'utf8'), ['programme', 'name', 'state', 'from', 'to'] as const);
function currentMembers(state: string): string[] {
  const rows = memberRows().filter((r) => r.state === state);
  return [...new Set(rows.filter((r) => !r.left).map((r) => r.name))].sort();
}
const participantsOf = (prefix: string) => [...new Set(participants.filter((p) => p.programme.startsWith(prefix)).map((p) => p.name))].sort();

let sites: Sites;
let context: BrowserContext;
let snippets: string[];
const requests: string[] = [];
/** APIs the error tests point at on purpose (nothing listens there). */
const deadApis = new Set<string>();

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const widgetsDir = buildWidgetsOnce();
  sites = await startSites(widgetsDir);
  context = await launchChromium();
  context.on('request', (request) => requests.push(request.url()));
  // The snippets exactly as the demo page shows them for copying.
  const demo = await context.newPage();
  await demo.goto(`${sites.apiOrigin}/widgets/`);
  snippets = await demo.locator('pre code').filter({ hasText: '<script type="module"' }).allTextContents();
  await demo.close();
}, 120_000);

afterAll(async () => {
  await context?.close();
  await sites?.close();
});

/** A city website on another origin with nothing but the pasted snippets (and the boilerplate every page has). */
function cityPage(path: string, body: string[], lang = 'de'): string {
  const html = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Stadt</title></head><body><main><h1>Stadt</h1>\n${body.join('\n')}\n</main></body></html>`;
  sites.pages.set(path, html);
  return `${sites.pageOrigin}${path}`;
}

const english = (snippet: string) => snippet.replace(/<(engagierte-stadt-[a-z]+) /, '<$1 lang="en" ');

async function settled(page: Page, expected: string): Promise<void> {
  for (const tag of WIDGETS) {
    if ((await page.locator(tag).count()) === 0) continue;
    await page.waitForFunction(([t, s]) => Array.from(document.querySelectorAll(t!)).every((e) => e.getAttribute('data-state') === s), [tag, expected]);
  }
}

async function axeViolations(page: Page): Promise<{ id: string; nodes: string[] }[]> {
  await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(() =>
    (window as any).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }),
  );
  return result.violations.map((v: any) => ({ id: v.id, nodes: v.nodes.map((n: any) => JSON.stringify(n.target)) }));
}

const shadowText = (page: Page, tag: string) => page.locator(tag).evaluate((e) => e.shadowRoot!.textContent ?? '');

/** The focused element, looking through shadow roots. */
const focused = (page: Page) =>
  page.evaluate(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return { tag: active?.tagName.toLowerCase(), name: active?.getAttribute('name'), label: active?.getAttribute('aria-label'), slug: (active as HTMLElement | null)?.dataset?.slug };
  });

describe('widgets pasted into a page on another origin', () => {
  it('the demo page offers one copy-paste snippet per widget with absolute addresses', () => {
    expect(snippets).toHaveLength(WIDGETS.length);
    for (const [i, tag] of WIDGETS.entries()) {
      expect(snippets[i]).toContain(`<script type="module" src="${sites.apiOrigin}/widgets/widgets.js"></script>`);
      expect(snippets[i]).toContain(`<${tag} api="${sites.apiOrigin}/graphql"`);
    }
  });

  it.each(['de', 'en'])('render the seeded data, pass axe and stay on the two origins (%s)', async (lang) => {
    const page = await context.newPage();
    await page.goto(cityPage(`/loaded-${lang}.html`, lang === 'en' ? snippets.map(english) : snippets, lang));
    await settled(page, 'loaded');

    const profile = await shadowText(page, 'engagierte-stadt-profil');
    expect(profile).toContain('Dessau-Roßlau');
    expect(participants.some((p) => p.name === 'Dessau-Roßlau' && p.programme.includes('Vielfaltsgestalter'))).toBe(true);
    expect(profile).toContain('Vielfaltsgestalter');

    const mapPlaces = await page.locator('engagierte-stadt-karte [part~=list] [part~=item]').evaluateAll((items) => items.map((i) => i.firstChild!.textContent!.trim()));
    expect(mapPlaces.sort()).toEqual(currentMembers('DE-ST'));

    const campaign = await shadowText(page, 'engagierte-stadt-gluecksbringer');
    for (const name of participantsOf('Regionalnetzwerk Anhalt')) expect(campaign).toContain(name);

    const program = await shadowText(page, 'engagierte-stadt-programm');
    for (const name of participantsOf('Die Vielfaltsgestalter')) expect(program).toContain(name);

    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, `loaded-${lang}.png`), fullPage: true });
    await page.close();
  });

  it('every map city is reachable by keyboard and its link opens by Enter', async () => {
    const page = await context.newPage();
    const mapSnippet = snippets[1]!;
    await page.goto(cityPage('/keyboard.html', [mapSnippet]));
    await settled(page, 'loaded');
    const reached = new Set<string>();
    let dessau = false;
    for (let i = 0; i < 100 && !dessau; i++) {
      await page.keyboard.press('Tab');
      const now = await focused(page);
      if (now.label) reached.add(now.label);
      dessau = now.slug === 'dessau-rosslau';
    }
    expect(dessau).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\?stadt=/);
    expect(new URL(page.url()).searchParams.get('stadt')).toBe('dessau-rosslau');
    // Tab order is name order: every place before Dessau-Roßlau was announced by name on the way.
    const before = currentMembers('DE-ST').filter((name) => name.localeCompare('Dessau-Roßlau', 'de') <= 0);
    expect([...reached].sort()).toEqual(before);
    await page.close();
  });

  it('filters the map by keyboard', async () => {
    const page = await context.newPage();
    await page.goto(cityPage('/filter.html', [snippets[1]!]));
    await settled(page, 'loaded');
    for (let i = 0; i < 5 && (await focused(page)).name !== 'state'; i++) await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'select', name: 'state' });
    // Typing a letter selects the first option starting with it, as in any native select;
    // one key, so no type-ahead timing is involved. Only Thüringen starts with T.
    await page.keyboard.press('T');
    await page.waitForFunction(() => document.querySelector('engagierte-stadt-karte')!.getAttribute('state') === 'DE-TH');
    await settled(page, 'loaded');
    const places = await page.locator('engagierte-stadt-karte [part~=list] [part~=item]').evaluateAll((items) => items.map((i) => i.firstChild!.textContent!.trim()));
    expect(places.sort()).toEqual(currentMembers('DE-TH'));
    expect(await focused(page)).toMatchObject({ tag: 'select', name: 'state' });
    await page.close();
  });

  it.each(['de', 'en'])('show the empty state and pass axe (%s)', async (lang) => {
    const empty = [
      snippets[0]!.replace(/ags="\d+"/, 'city="keine-engagierte-stadt"'),
      snippets[1]!.replace(/state="[A-Z-]+"/, 'state="DE-HB"'),
      snippets[2]!.replace(/campaign="[^"]+"/, 'campaign="keine-kampagne"'),
      snippets[3]!.replace(/program="[^"]+"/, 'program="kein-programm"'),
    ];
    expect(memberRows().some((r) => r.state === 'DE-HB')).toBe(false);
    const page = await context.newPage();
    await page.goto(cityPage(`/empty-${lang}.html`, lang === 'en' ? empty.map(english) : empty, lang));
    await settled(page, 'empty');
    for (const tag of WIDGETS) expect(await page.locator(`${tag} [part~=status]`).count()).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, `empty-${lang}.png`), fullPage: true });
    await page.close();
  });

  it.each(['de', 'en'])('show the error state when the API is unreachable and pass axe (%s)', async (lang) => {
    // A port that was free a moment ago: nothing listens there.
    const { freePort } = await import('../../local/dynamo');
    const dead = `http://127.0.0.1:${await freePort()}/graphql`;
    deadApis.add(new URL(dead).origin);
    const broken = snippets.map((s) => s.replace(`${sites.apiOrigin}/graphql`, dead));
    const page = await context.newPage();
    await page.goto(cityPage(`/error-${lang}.html`, lang === 'en' ? broken.map(english) : broken, lang));
    await settled(page, 'error');
    for (const tag of WIDGETS) expect(await page.locator(`${tag} [role=alert]`).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, `error-${lang}.png`), fullPage: true });
    await page.close();
  });

  it('sent no request to any host but the API, the widget files and the page itself', () => {
    expect(requests.length).toBeGreaterThan(0);
    const allowed = new Set([sites.apiOrigin, sites.pageOrigin, ...deadApis]);
    const elsewhere = requests.filter((url) => !allowed.has(new URL(url).origin));
    expect(elsewhere).toEqual([]);
  });
});
