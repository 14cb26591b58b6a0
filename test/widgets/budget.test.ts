import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildWidgetsOnce } from './support';

/** The budget: every widget together, map outline included, gzipped. */
const BUDGET_BYTES = 30 * 1024;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : [join(dir, name)]));
}

let outDir: string;
beforeAll(() => {
  outDir = buildWidgetsOnce();
}, 120_000);

describe('widgets bundle', () => {
  it('is one hashed module plus the loader that imports it', () => {
    const scripts = files(outDir)
      .filter((f) => f.endsWith('.js'))
      .map((f) => relative(outDir, f))
      .sort();
    expect(scripts).toHaveLength(2);
    expect(scripts[0]).toMatch(/^assets\/engagierte-stadt-[\w-]+\.js$/);
    expect(scripts[1]).toBe('widgets.js');
    expect(readFileSync(join(outDir, 'widgets.js'), 'utf8').trim()).toBe(`import"./${scripts[0]}";`);
  });

  it('stays within 30 KB gzipped, map outline included', () => {
    const scripts = files(outDir).filter((f) => f.endsWith('.js'));
    const bundle = readFileSync(scripts.find((f) => f.includes('assets'))!, 'utf8');
    // The outline is inlined: a long SVG path, not geodata fetched at run time.
    expect(bundle).toMatch(/M\d+(\.\d)?,\d+(\.\d)?L[\d.,L]{500,}/);
    expect(bundle).not.toMatch(/fetch\(["']https?:/);
    const gzipped = scripts.reduce((sum, f) => sum + gzipSync(readFileSync(f), { level: 9 }).length, 0);
    process.stdout.write(`widgets: ${gzipped} bytes gzipped (budget ${BUDGET_BYTES})\n`);
    expect(gzipped).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  it('defines the four custom elements', () => {
    const bundle = files(outDir)
      .filter((f) => f.includes('assets'))
      .map((f) => readFileSync(f, 'utf8'))
      .join('');
    for (const tag of ['engagierte-stadt-profil', 'engagierte-stadt-karte', 'engagierte-stadt-gluecksbringer', 'engagierte-stadt-programm']) expect(bundle).toContain(tag);
  });
});
