import { loadSeedBundle, validateBundle } from '../../seed/seed';
import type { SeedBundle } from '../../functions/data/model';
import { SYNTHETIC_PREFIX, syntheticCopies, syntheticCopy } from '../../bench/synthetic';

const real = loadSeedBundle();

function merge(a: SeedBundle, b: SeedBundle): SeedBundle {
  const out = structuredClone(a);
  for (const key of Object.keys(out) as (keyof SeedBundle)[]) (out[key] as unknown[]).push(...(b[key] as unknown[]));
  return out;
}

describe('synthetic network data', () => {
  it('is the same for the same copy and seed', () => {
    expect(syntheticCopy(real, 3)).toEqual(syntheticCopy(real, 3));
  });

  it('adds as many cities, organisations and partnerships as the real bundle per copy', () => {
    const synthetic = syntheticCopies(real, 1, 9);
    expect(synthetic.cities).toHaveLength(real.cities.length * 9);
    expect(synthetic.organizations).toHaveLength(real.organizations.length * 9);
    expect(synthetic.partnerships).toHaveLength(real.partnerships.length * 9);
  });

  it('gives every synthetic record a syn- id and an AGS no state has', () => {
    const synthetic = syntheticCopies(real, 1, 2);
    for (const record of [...synthetic.cities, ...synthetic.organizations, ...synthetic.partnerships, ...synthetic.campaigns]) {
      expect(record.id.startsWith(SYNTHETIC_PREFIX)).toBe(true);
    }
    for (const city of synthetic.cities) if (city.ags) expect(city.ags.startsWith('99')).toBe(true);
  });

  it('forms a consistent bundle with the real data: unique ids, no dangling references', () => {
    expect(validateBundle(merge(real, syntheticCopies(real, 1, 9)))).toEqual([]);
  });

  it('gives every synthetic city an Engagierte Stadt membership, as every real member place has', () => {
    const synthetic = syntheticCopy(real, 1);
    const members = new Set(synthetic.memberships.filter((m) => m.programId === 'engagierte-stadt').map((m) => m.cityId));
    expect(synthetic.cities.every((c) => members.has(c.id))).toBe(true);
  });
});
