/**
 * Checks the seed bundle against the facts the domain README says it must get
 * right, plus the structural guarantees the data layer relies on (unique,
 * well-formed ids; no dangling references; a source on every record; no
 * personal data). Pure file reads, no DynamoDB.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import type { CityRecord, MunicipalityRecord, SeedBundle } from '../../functions/data/model';
import {
  DEFAULT_DATA_DIR,
  MUNICIPALITY_ATTRIBUTION,
  agsMatchReport,
  isCompositeId,
  loadSeedBundle,
  readMunicipalities,
  validateBundle,
} from '../../seed/seed';

/** The project's copy of the domain material (seed/domain); the CSVs sit in seed/ itself. */
const MATERIAL_DIR = join(DEFAULT_DATA_DIR, 'domain');
/** The shared original, beside the repository in CI and on developers' machines. */
const SHARED_DOMAIN_DIR = join(__dirname, '..', '..', '..', 'shared', 'domain');

let bundle: SeedBundle;
let municipalities: MunicipalityRecord[];

beforeAll(() => {
  bundle = loadSeedBundle();
  municipalities = readMunicipalities();
});

function city(id: string): CityRecord {
  const found = bundle.cities.find((c) => c.id === id);
  if (!found) throw new Error(`no city ${id}`);
  return found;
}

function membershipsOf(cityId: string) {
  return bundle.memberships.filter((m) => m.cityId === cityId);
}

function partnersOf(partnershipId: string, memberType: 'City' | 'Organization'): string[] {
  return bundle.partnershipMembers
    .filter((m) => m.partnershipId === partnershipId && m.memberType === memberType)
    .map((m) => m.memberId)
    .sort();
}

describe('counts', () => {
  it('has 123 member places from 125 member rows', () => {
    expect(bundle.cities).toHaveLength(123);
    expect(bundle.memberships.filter((m) => m.programId === 'engagierte-stadt')).toHaveLength(125);
  });

  it('reads all 10,786 municipalities with ISO state codes', () => {
    expect(municipalities).toHaveLength(10786);
    expect(new Set(municipalities.map((m) => m.ags)).size).toBe(10786);
    expect(new Set(municipalities.map((m) => m.state)).size).toBe(16);
    expect(municipalities.every((m) => /^DE-[A-Z]{2}$/.test(m.state))).toBe(true);
  });

  it('has the seven programmes with their fixed ids', () => {
    expect(bundle.programs.map((p) => p.id).sort()).toEqual(
      [
        'deutschland-besser-machen',
        'ehrenamtskarte',
        'engagierte-stadt',
        'k2',
        'partnerschaft-fuer-demokratie',
        'soziale-stadt',
        'vielfaltsgestalter',
      ].sort(),
    );
  });

  it('links each municipality-kind member place to exactly one municipality row', () => {
    const linked = municipalities.filter((m) => m.cityId !== null);
    const municipalityCities = bundle.cities.filter((c) => c.kind === 'MUNICIPALITY');
    expect(linked).toHaveLength(municipalityCities.length);
    expect(municipalityCities.every((c) => c.ags !== null && c.location !== null && c.population !== null)).toBe(true);
  });
});

describe('member places', () => {
  it('derives slug ids from the names', () => {
    for (const id of ['dessau-rosslau', 'goeppingen', 'lutherstadt-wittenberg', 'weisswasser-o-l', 'forst-lausitz']) {
      expect(city(id).id).toBe(id);
    }
  });

  it('resolves ambiguous and abbreviated names to the right AGS', () => {
    expect(city('rosenheim').ags).toBe('09163000');
    expect(city('holzkirchen').ags).toBe('09182120');
    expect(city('neustadt-an-der-aisch').ags).toBe('09575153');
    expect(city('neumarkt-in-der-oberpfalz').ags).toBe('09373147');
    expect(city('rosbach-vor-der-hoehe').ags).toBe('06440023');
    expect(city('freiburg-im-breisgau').ags).toBe('08311000');
    expect(city('naumburg-saale').ags).toBe('15084355');
    expect(city('blankenburg-harz').ags).toBe('15085055');
    expect(city('hohe-boerde').ags).toBe('15083298');
  });

  it('gives associations, districts and quarters no AGS', () => {
    for (const id of ['verbandsgemeinde-daun', 'mainz-mombach', 'berlin-schoeneweide', 'hamburg-bergedorf', 'amt-buesum-wesselburen']) {
      expect(city(id).ags).toBeNull();
      expect(city(id).agsHistory).toEqual([]);
    }
    expect(city('mainz-mombach').kind).toBe('CITY_QUARTER');
    expect(city('berlin-mitte').kind).toBe('DISTRICT');
    expect(city('verbandsgemeinde-daun').kind).toBe('MUNICIPAL_ASSOCIATION');
  });

  it('lists population figures newest first and prefers the newest figure the sources cite over the census', () => {
    for (const c of bundle.cities) {
      const dates = c.populationHistory.map((p) => p.asOf);
      expect(dates).toEqual([...dates].sort().reverse());
      const cited = c.populationHistory.filter((p) => p.sourceUrl !== null && !p.sourceUrl.includes('zensus2022') || p.basis !== 'CENSUS');
      expect(c.population).toEqual(cited[0] ?? c.populationHistory[0] ?? null);
    }
  });
});

describe('Dessau-Roßlau', () => {
  it('has its AGS, state, population and location', () => {
    const dessau = city('dessau-rosslau');
    expect(dessau.name).toBe('Dessau-Roßlau');
    expect(dessau.state).toBe('DE-ST');
    expect(dessau.ags).toBe('15001000');
    expect(dessau.agsHistory).toEqual([{ ags: '15001000', validFrom: '2007-07-01', validTo: null }]);
    expect(dessau.population).toMatchObject({ value: 79686, asOf: '2023-12-31', basis: 'PROJECTION' });
    expect(dessau.populationHistory).toContainEqual(expect.objectContaining({ value: 75938, asOf: '2022-05-15', basis: 'CENSUS' }));
    expect(dessau.location).not.toBeNull();
  });

  it('has two Engagierte Stadt memberships with a gap', () => {
    const periods = membershipsOf('dessau-rosslau')
      .filter((m) => m.programId === 'engagierte-stadt')
      .map((m) => [m.startDate, m.endDate]);
    expect(periods).toEqual([
      ['2015', '2019'],
      ['2020-07-01', null],
    ]);
  });

  it('takes part in the related programmes', () => {
    const programs = new Set(membershipsOf('dessau-rosslau').map((m) => m.programId));
    expect([...programs].sort()).toEqual(
      ['ehrenamtskarte', 'engagierte-stadt', 'k2', 'partnerschaft-fuer-demokratie', 'soziale-stadt', 'vielfaltsgestalter'].sort(),
    );
    const byProgram = (id: string) => membershipsOf('dessau-rosslau').find((m) => m.programId === id);
    expect(byProgram('ehrenamtskarte')?.startDate).toBe('2019-01');
    expect(byProgram('vielfaltsgestalter')).toMatchObject({ startDate: '2018-10-15', endDate: '2020-10-15' });
    expect(byProgram('soziale-stadt')).toMatchObject({ startDate: '2019' });
    expect(byProgram('soziale-stadt')?.note).toContain('Q3 2019');
    expect(byProgram('soziale-stadt')?.note).toContain('Am Leipziger Tor');
  });

  it('has a functional coordination office and its topics', () => {
    expect(city('dessau-rosslau').coordinationOffice).toEqual({
      hostOrganizationId: 'stadt-dessau-rosslau',
      hostName: null,
      unit: 'Bürgerservice, Referat des Oberbürgermeisters',
      email: 'engagiertestadt@dessau-rosslau.de',
      phone: '0340 204-1401',
      sourceUrl: 'http://verwaltung.dessau-rosslau.de/stadt-buerger/engagierte-stadt.html',
    });
    expect(city('dessau-rosslau').topics).toEqual(['integration', 'climate-protection', 'youth-participation', 'senior-work']);
  });

  it('belongs to the Anhalt, Sachsen-Anhalt networks', () => {
    const partnerships = bundle.partnershipMembers.filter((m) => m.memberId === 'dessau-rosslau').map((m) => m.partnershipId);
    expect(partnerships.sort()).toEqual(['landesnetzwerk-sachsen-anhalt', 'regionalnetzwerk-anhalt']);
  });
});

describe('Heidelberg and Göppingen', () => {
  it('Heidelberg: AGS, membership since May 2021, population, office', () => {
    const heidelberg = city('heidelberg');
    expect(heidelberg).toMatchObject({ ags: '08221000', state: 'DE-BW' });
    expect(heidelberg.population).toMatchObject({ value: 162273, asOf: '2022-12-31', basis: 'PROJECTION' });
    expect(heidelberg.populationHistory).toContainEqual(expect.objectContaining({ value: 153809, basis: 'CENSUS' }));
    expect(membershipsOf('heidelberg').find((m) => m.programId === 'engagierte-stadt')?.startDate).toBe('2021-05');
    expect(heidelberg.coordinationOffice).toMatchObject({
      hostOrganizationId: 'stadt-heidelberg',
      unit: 'Koordinierungsstelle Bürgerengagement, Referat des Oberbürgermeisters',
      email: null,
      phone: null,
    });
  });

  it('Heidelberg: local alliance with its three partners and the city', () => {
    expect(partnersOf('kooperationsnetzwerk-heidelberg', 'Organization')).toEqual(
      ['freiwilligenagentur-heidelberg', 'sportkreis-heidelberg', 'stadt-heidelberg', 'stadtjugendring-heidelberg'].sort(),
    );
    expect(partnersOf('kooperationsnetzwerk-heidelberg', 'City')).toEqual(['heidelberg']);
  });

  it('Göppingen: AGS, admission Feb 2024, population, co-applicants', () => {
    const goeppingen = city('goeppingen');
    expect(goeppingen).toMatchObject({ ags: '08117026', state: 'DE-BW', name: 'Göppingen' });
    expect(goeppingen.population).toMatchObject({ value: 59053, asOf: '2022-12-31' });
    expect(membershipsOf('goeppingen').find((m) => m.programId === 'engagierte-stadt')?.startDate).toBe('2024-02');
    expect(partnersOf('kooperationsnetzwerk-goeppingen', 'Organization')).toEqual(
      ['lokales-buendnis-fuer-familien-goeppingen', 'pfd-fachstelle-goeppingen', 'stadtseniorenrat-goeppingen'].sort(),
    );
  });
});

describe('Anhalt', () => {
  const anhalt = ['bitterfeld-wolfen', 'dessau-rosslau', 'graefenhainichen', 'lutherstadt-wittenberg'];

  it('has the four cities with their keys and populations', () => {
    expect(city('bitterfeld-wolfen')).toMatchObject({ ags: '15082015', state: 'DE-ST' });
    // The README's 37,047 (31 Dec 2021) is the figure the sources cite; the newer census count stays in the history.
    expect(city('bitterfeld-wolfen').populationHistory).toContainEqual(expect.objectContaining({ value: 36552, asOf: '2022-05-15', basis: 'CENSUS' }));
    expect(city('bitterfeld-wolfen').population).toMatchObject({ value: 37047, asOf: '2021-12-31' });
    expect(city('graefenhainichen').agsHistory).toEqual([
      { ags: '15091110', validFrom: '2007', validTo: null },
      { ags: '15171023', validFrom: null, validTo: '2007' },
    ]);
    expect(city('graefenhainichen').population).toMatchObject({ value: 11446, asOf: '2022-12-31' });
    expect(city('graefenhainichen').coordinationOffice?.hostOrganizationId).toBe('leb-arbeitsgemeinschaft-anhalt-wittenberg');
    expect(city('lutherstadt-wittenberg').agsHistory.map((h) => h.ags)).toEqual(['15091375', '15171077']);
    expect(city('lutherstadt-wittenberg').population).toMatchObject({ value: 45588, asOf: '2023-12-31' });
    expect(membershipsOf('lutherstadt-wittenberg').find((m) => m.programId === 'engagierte-stadt')?.startDate).toBe('2021-05');
  });

  it('Regionalnetzwerk Anhalt: four cities, FAW gGmbH, 2022-09-01 to 2023-06-30', () => {
    const network = bundle.partnerships.find((p) => p.id === 'regionalnetzwerk-anhalt');
    expect(network).toMatchObject({ kind: 'REGIONAL_NETWORK', startDate: '2022-09-01', endDate: '2023-06-30', states: ['DE-ST'] });
    expect(network?.supporterOrganizationIds).toContain('faw-ggmbh');
    expect(partnersOf('regionalnetzwerk-anhalt', 'City')).toEqual(anhalt);
  });

  it('Glücksbringer: launched 2023-06-19 by the Anhalt network in its four cities', () => {
    const campaign = bundle.campaigns.find((c) => c.id === 'gluecksbringer');
    expect(campaign).toMatchObject({ name: 'Glücksbringer', launchDate: '2023-06-19', partnershipId: 'regionalnetzwerk-anhalt' });
    expect([...(campaign?.cityIds ?? [])].sort()).toEqual(anhalt);
    expect(campaign?.description).toContain('Ich bin ein Glücksbringer');
  });

  it('state networks have the named cities', () => {
    expect(partnersOf('landesnetzwerk-sachsen-anhalt', 'City')).toHaveLength(9);
    expect(partnersOf('landesnetzwerk-baden-wuerttemberg', 'City')).toHaveLength(11);
    expect(partnersOf('metropolregion-rhein-neckar', 'City')).toEqual(
      ['heidelberg', 'lampertheim', 'landau-in-der-pfalz', 'neustadt-an-der-weinstrasse', 'speyer', 'viernheim', 'weinheim'],
    );
  });
});

describe('programmes, rounds and counts', () => {
  it('round 2023: dates, jury, admission, eligibility', () => {
    expect(bundle.applicationRounds.find((r) => r.id === 'round-2023')).toMatchObject({
      year: 2023,
      opensOn: '2023-09-25',
      closesOn: '2023-11-24',
      juryDate: '2024-01',
      admissionDate: '2024-02',
      minPopulation: 10000,
      maxPopulation: 250000,
      minPartners: 3,
      admittedCount: 23,
    });
  });

  it('reports the network size over time', () => {
    expect(bundle.reportedMemberCounts.map((c) => [c.date, c.count, c.approximate])).toEqual([
      ['2015-09', 50, false],
      ['2020-07', 73, false],
      ['2021', 100, true],
      ['2022-06', 113, false],
      ['2024-02', 112, false],
    ]);
  });

  it('Vielfaltsgestalter: six pilot sites, Robert Bosch Stiftung', () => {
    const sites = bundle.memberships.filter((m) => m.programId === 'vielfaltsgestalter');
    expect(sites.map((m) => m.participantName).sort()).toEqual(
      ['Böblingen', 'Dessau-Roßlau', 'Frankfurt (Oder)', 'Freital', 'Rosenheim', 'Wetzlar'].sort(),
    );
    expect(bundle.programs.find((p) => p.id === 'vielfaltsgestalter')?.sponsorOrganizationIds).toContain('robert-bosch-stiftung');
  });

  it('state-wide Ehrenamtskarte schemes carry no municipality key', () => {
    const bayern = bundle.memberships.find((m) => m.programId === 'ehrenamtskarte' && m.participantName === 'Bayern');
    expect(bayern).toMatchObject({ cityId: null, participantAgs: null, participantState: 'DE-BY' });
    const berlin = bundle.memberships.find((m) => m.programId === 'ehrenamtskarte' && m.participantName === 'Berlin');
    expect(berlin?.participantAgs).toBeNull();
  });

  it('non-member participants are linked to municipalities where the name is unambiguous', () => {
    const frankfurt = bundle.memberships.find((m) => m.participantName === 'Frankfurt (Oder)');
    expect(frankfurt).toMatchObject({ cityId: null, participantAgs: '12053000' });
    const ratzeburg = bundle.memberships.find((m) => m.programId === 'partnerschaft-fuer-demokratie' && m.participantState === 'DE-SH');
    expect(ratzeburg?.cityId).toBe('ratzeburg');
  });

  it('events: the regional and national meetings with their dates', () => {
    const event = (id: string) => bundle.events.find((e) => e.id === id);
    expect(event('regionaltreffen-sued-2019-neu-ulm')).toMatchObject({ startDate: '2019-11-28', cityId: 'neu-ulm', participantCount: 17 });
    expect(event('regionaltreffen-sued-2022-heidelberg')).toMatchObject({ startDate: '2022-05', cityId: 'heidelberg' });
    expect(event('kommunalengagiert-2023-01-25')?.organizerOrganizationIds).toEqual(['dsee', 'dstgb', 'deutscher-landkreistag']);
    expect(event('netzwerktreffen-2024-wuerzburg')).toMatchObject({ startDate: '2024-09-16', endDate: '2024-09-17', participantCount: 150 });
    expect(event('netzwerktreffen-2025-lutherstadt-wittenberg')).toMatchObject({ startDate: '2025-05-15', cityId: 'lutherstadt-wittenberg' });
  });
});

describe('integrity', () => {
  it('validates without problems', () => {
    expect(validateBundle(bundle)).toEqual([]);
  });

  // loadSeedBundle refuses a bundle validateBundle finds problems in, so the loaded
  // bundle cannot show them: these check that the validator finds each kind of defect.
  const copy = (): SeedBundle => JSON.parse(JSON.stringify(bundle)) as SeedBundle;

  it('finds duplicate and malformed ids', () => {
    const broken = copy();
    broken.cities.push({ ...broken.cities[0]! });
    broken.organizations[0]!.id = 'Not A Slug';
    broken.memberships[0]!.id = 'no-separator';
    const problems = validateBundle(broken);
    expect(problems).toContain(`city: duplicate id ${bundle.cities[0]!.id}`);
    expect(problems).toContain('organization: malformed id "Not A Slug"');
    expect(problems).toContain('membership: malformed id "no-separator"');
  });

  it('cites at least one source on every record', () => {
    const sourced = [
      ...bundle.cities,
      ...bundle.programs,
      ...bundle.memberships,
      ...bundle.partnerships,
      ...bundle.partnershipMembers,
      ...bundle.organizations,
      ...bundle.campaigns,
      ...bundle.events,
      ...bundle.applicationRounds,
    ];
    expect(sourced.filter((r) => r.sourceUrls.length === 0).map((r) => r.id)).toEqual([]);
    expect(bundle.reportedMemberCounts.every((c) => c.sourceUrl.startsWith('http'))).toBe(true);
  });

  it('finds references to records that do not exist', () => {
    const broken = copy();
    broken.campaigns[0]!.cityIds.push('atlantis');
    broken.events[0]!.organizerOrganizationIds.push('no-such-organization');
    broken.partnershipMembers[0]!.partnershipId = 'no-such-partnership';
    const problems = validateBundle(broken).join('\n');
    expect(problems).toContain(`campaign ${bundle.campaigns[0]!.id} refers to missing atlantis`);
    expect(problems).toContain(`event ${bundle.events[0]!.id} refers to missing no-such-organization`);
    expect(problems).toContain('refers to missing no-such-partnership');
  });

  it('is deterministic', () => {
    expect(JSON.stringify(loadSeedBundle())).toBe(JSON.stringify(bundle));
  });

  it('carries the dl-de/by-2-0 source note on the municipality source', () => {
    const source = bundle.dataSources.find((s) => s.id === 'municipalities');
    expect(source).toMatchObject({ licence: 'dl-de/by-2-0', attribution: MUNICIPALITY_ATTRIBUTION });
  });

  it('matches every member place without an unexplained miss', () => {
    const { cities } = agsMatchReport();
    const misses = [...cities.values()].filter((m) => m.method === 'none');
    expect(misses).toEqual([]);
  });
});

describe('privacy', () => {
  // Names of people that appear in the domain material (coordinators, mayors,
  // ministers, foundation staff); none of them may reach the seed data.
  const PERSONAL_NAMES = ['Hinze', 'Kathrin', 'Jansen', 'Cobet', 'Glaser', 'Fahle', 'Rothfuß', 'Giffey', 'Prien', 'Nemela', 'Haist', 'Grau', 'Wintermeyer'];

  it('contains no personal names', () => {
    const text = JSON.stringify(bundle);
    expect(PERSONAL_NAMES.filter((name) => text.includes(name))).toEqual([]);
  });

  it('contains only functional contact data', () => {
    const offices = bundle.cities.flatMap((c) => (c.coordinationOffice ? [c.coordinationOffice] : []));
    for (const office of offices) {
      if (office.email) expect(office.email).toMatch(/^engagiertestadt@/);
    }
    // The second number on the Dessau page is not the office line; only the office line is published.
    expect(JSON.stringify(bundle)).not.toContain('2691201');
  });
});

describe('provenance', () => {
  const copies: [string, string][] = [
    [join(DEFAULT_DATA_DIR, 'members.csv'), 'members.csv'],
    [join(DEFAULT_DATA_DIR, 'programme-participants.csv'), 'programme-participants.csv'],
    [join(DEFAULT_DATA_DIR, 'municipalities.csv'), join('reference', 'municipalities.csv')],
    [join(MATERIAL_DIR, 'README.md'), 'README.md'],
    [join(MATERIAL_DIR, 'GLOSSARY.md'), 'GLOSSARY.md'],
    [join(MATERIAL_DIR, 'research-notes.md'), 'research-notes.md'],
    [join(MATERIAL_DIR, 'reference', 'README.md'), join('reference', 'README.md')],
    ...readdirSync(join(MATERIAL_DIR, 'sources')).map((f): [string, string] => [join(MATERIAL_DIR, 'sources', f), join('sources', f)]),
  ];

  it('keeps the copied domain material byte-identical to the shared original where it is present', () => {
    // On a clone without ../shared the copies are the material; where the original exists they must not drift.
    const compared = copies.filter(([, original]) => existsSync(join(SHARED_DOMAIN_DIR, original)));
    for (const [copy, original] of compared) {
      expect({ copy, same: readFileSync(copy).equals(readFileSync(join(SHARED_DOMAIN_DIR, original))) }).toEqual({ copy, same: true });
    }
    expect(copies.every(([copy]) => existsSync(copy))).toBe(true);
  });

  it('cites only URLs and hosts that appear in the domain material', () => {
    const material = copies.map(([copy]) => readFileSync(copy, 'utf8')).join('\n');
    const urls = new Set<string>();
    const collect = (value: unknown): void => {
      if (typeof value === 'string' && /^https?:\/\//.test(value)) urls.add(value);
      else if (Array.isArray(value)) value.forEach(collect);
      else if (value && typeof value === 'object') Object.values(value).forEach(collect);
    };
    collect(bundle);
    expect(urls.size).toBeGreaterThan(50);
    // Research notes give host and path without a scheme, sometimes without `www.`.
    const unsourced = [...urls].filter((url) => {
      const bare = url.replace(/^https?:\/\//, '');
      return !material.includes(url) && !material.includes(bare) && !material.includes(bare.replace(/^www\./, ''));
    });
    expect(unsourced).toEqual([]);
  });
});
