import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const PLACES: [string, number, number][] = [
  ['Dessau-Roßlau', 51.83, 12.25],
  ['Flensburg', 54.78, 9.43],
  ['Konstanz', 47.66, 9.18],
  ['Görlitz', 51.15, 14.99],
];

describe('map projection', () => {
  const run = JSON.parse(
    execFileSync(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(__dirname, 'projection-reference.ts'), JSON.stringify(PLACES.map(([, lat, lon]) => [lat, lon]))], {
      cwd: ROOT,
      encoding: 'utf8',
    }),
  ) as { outline: { width: number; height: number }; points: { d3: [number, number]; widget: [number, number] }[] };

  it.each(PLACES.map(([name], i) => [name, i] as const))('places %s where d3-geo puts it, inside the outline box', (_name, i) => {
    const { d3, widget } = run.points[i]!;
    expect(widget[0]).toBeCloseTo(d3[0], 6);
    expect(widget[1]).toBeCloseTo(d3[1], 6);
    for (const [v, max] of [
      [widget[0], run.outline.width],
      [widget[1], run.outline.height],
    ] as const) {
      expect(v).toBeGreaterThan(0);
      expect(v).toBeLessThan(max);
    }
  });
});
