/**
 * Synthetic network data to grow the real seed bundle to k times its size, so
 * the cost benchmark can show whether DynamoDB requests stay flat as lists grow.
 *
 * Every synthetic id starts with `syn-` (no real slug does) and every synthetic
 * AGS with `99` (no German state has that code), so synthetic records can sit
 * in the same table as the real ones without colliding. Sizes and shapes are
 * drawn from the real bundle: a synthetic city copies the fields of a real city
 * picked at random, its number of programme memberships and partnership edges
 * follows the real per-city distributions, and organisations, partnerships and
 * campaigns are added in the real proportions per city.
 */
import { membershipId, partnershipMemberId } from '../functions/data/keys';
import { NETWORK_PROGRAM_ID } from '../functions/data/model';
import type {
  CampaignRecord,
  CityRecord,
  OrganizationRecord,
  PartnershipMemberRecord,
  PartnershipRecord,
  ProgramMembershipRecord,
  SeedBundle,
} from '../functions/data/model';

export const SYNTHETIC_PREFIX = 'syn-';
const SOURCE = ['https://example.invalid/synthetic'];

/** mulberry32: small, fast and good enough to draw test data reproducibly. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, list: readonly T[]): T {
  const value = list[Math.floor(random() * list.length)];
  if (value === undefined) throw new Error('pick from an empty list');
  return value;
}

/** Distinct elements, at most `n`, in random order. */
function sample<T>(random: () => number, list: readonly T[], n: number): T[] {
  const pool = [...list];
  const out: T[] = [];
  while (out.length < n && pool.length > 0) out.push(pool.splice(Math.floor(random() * pool.length), 1)[0]!);
  return out;
}

function emptyBundle(): SeedBundle {
  return {
    cities: [], programs: [], memberships: [], partnerships: [], partnershipMembers: [], organizations: [],
    campaigns: [], events: [], applicationRounds: [], dataSources: [], reportedMemberCounts: [],
  };
}

/** The per-city shape of the real data the generator reproduces. */
export interface RealProfile {
  /** Memberships of each real member place (one entry per city). */
  membershipsPerCity: number[];
  /** City edges to partnerships of each real member place. */
  partnershipEdgesPerCity: number[];
  networkStarts: (string | null)[];
  /** Share of Engagierte Stadt memberships that have ended. */
  endedShare: number;
  otherProgramIds: string[];
}

export function profileOf(real: SeedBundle): RealProfile {
  const count = (ids: (string | null)[]) => {
    const byCity = new Map<string, number>();
    for (const id of ids) if (id) byCity.set(id, (byCity.get(id) ?? 0) + 1);
    return real.cities.map((c) => byCity.get(c.id) ?? 0);
  };
  const network = real.memberships.filter((m) => m.programId === NETWORK_PROGRAM_ID);
  return {
    membershipsPerCity: count(real.memberships.map((m) => m.cityId)),
    partnershipEdgesPerCity: count(real.partnershipMembers.filter((m) => m.memberType === 'City').map((m) => m.memberId)),
    networkStarts: network.map((m) => m.startDate),
    endedShare: network.filter((m) => m.endDate).length / Math.max(1, network.length),
    otherProgramIds: real.memberships.filter((m) => m.cityId && m.programId !== NETWORK_PROGRAM_ID).map((m) => m.programId),
  };
}

/**
 * One synthetic copy of the network: as many cities, organisations,
 * partnerships and campaigns as the real bundle has, all new, wired to each
 * other and to the real programmes and regional/state partnerships.
 * Copies 1..k-1 together with the real data make k× the seeded data.
 */
export function syntheticCopy(real: SeedBundle, copy: number, seed = 20150101): SeedBundle {
  if (!Number.isInteger(copy) || copy < 1) throw new Error('copy must be a positive integer');
  const random = prng(seed * 1000 + copy);
  const profile = profileOf(real);
  const out = emptyBundle();
  const id = (kind: string, n: number) => `${SYNTHETIC_PREFIX}${copy}-${kind}${n}`;

  real.cities.forEach((template, n) => {
    const ags = `99${String(copy).padStart(3, '0')}${String(n).padStart(3, '0')}`;
    const location = template.location
      ? { lat: template.location.lat + (random() - 0.5) * 0.2, lon: template.location.lon + (random() - 0.5) * 0.2 }
      : null;
    const city: CityRecord = {
      ...structuredClone(template),
      id: id('city', n),
      name: `${template.name} ${copy}-${n}`,
      ags: template.ags ? ags : null,
      agsHistory: template.ags ? [{ ags, validFrom: null, validTo: null }] : [],
      location,
      coordinationOffice: template.coordinationOffice ? { ...template.coordinationOffice, hostOrganizationId: null } : null,
      sourceUrls: SOURCE,
    };
    out.cities.push(city);
  });

  real.organizations.forEach((template, n) => {
    const local = template.cityId !== null;
    const organization: OrganizationRecord = {
      ...structuredClone(template),
      id: id('org', n),
      name: `${template.name} ${copy}-${n}`,
      cityId: local ? pick(random, out.cities).id : null,
      sourceUrls: SOURCE,
    };
    out.organizations.push(organization);
  });

  real.partnerships.forEach((template, n) => {
    const partnership: PartnershipRecord = {
      ...structuredClone(template),
      id: id('partnership', n),
      name: `${template.name} ${copy}-${n}`,
      supporterOrganizationIds: sample(random, out.organizations.map((o) => o.id), template.supporterOrganizationIds.length),
      sourceUrls: SOURCE,
    };
    out.partnerships.push(partnership);
  });

  for (const city of out.cities) {
    const memberships = pick(random, profile.membershipsPerCity.filter((n) => n > 0));
    const addMembership = (programId: string, startDate: string | null, endDate: string | null) => {
      const membership: ProgramMembershipRecord = {
        id: membershipId(programId, city.id, startDate),
        programId,
        cityId: city.id,
        participantName: city.name,
        participantState: city.state,
        participantAgs: city.ags,
        startDate,
        endDate,
        cohort: null,
        note: null,
        sourceUrls: SOURCE,
      };
      out.memberships.push(membership);
    };
    const start = pick(random, profile.networkStarts);
    addMembership(NETWORK_PROGRAM_ID, start, random() < profile.endedShare ? '2019' : null);
    // Further programmes are distinct, so membership ids (programme, place, start) stay unique.
    for (const programId of sample(random, [...new Set(profile.otherProgramIds)], memberships - 1)) {
      addMembership(programId, pick(random, ['2017', '2020', '2022', '2024', null]), null);
    }
  }

  // City edges go to the real regional/state networks and this copy's partnerships alike,
  // so real partnerships gain members as the data grows, as they would.
  const networks = [
    ...real.partnerships.filter((p) => p.kind !== 'LOCAL_ALLIANCE').map((p) => p.id),
    ...out.partnerships.filter((p) => p.kind !== 'LOCAL_ALLIANCE').map((p) => p.id),
  ];
  const alliances = out.partnerships.filter((p) => p.kind === 'LOCAL_ALLIANCE');
  const addMember = (partnershipId: string, memberType: 'City' | 'Organization', memberId: string, role: string) => {
    const member: PartnershipMemberRecord = {
      id: partnershipMemberId(partnershipId, memberType, memberId),
      partnershipId,
      memberType,
      memberId,
      role,
      startDate: pick(random, ['2022', '2023-09', '2025-07', null]),
      endDate: null,
      sourceUrls: SOURCE,
    };
    out.partnershipMembers.push(member);
  };
  alliances.forEach((alliance, n) => {
    const city = out.cities[n % out.cities.length]!;
    addMember(alliance.id, 'City', city.id, 'coordination');
    const partners = out.organizations.filter((o) => o.cityId === null).slice(n * 4, n * 4 + 4);
    for (const organization of partners) addMember(alliance.id, 'Organization', organization.id, 'member');
  });
  for (const city of out.cities) {
    const edges = pick(random, profile.partnershipEdgesPerCity);
    for (const partnershipId of sample(random, networks, edges)) addMember(partnershipId, 'City', city.id, 'member');
  }

  real.campaigns.forEach((template, n) => {
    const campaign: CampaignRecord = {
      ...structuredClone(template),
      id: id('campaign', n),
      name: `${template.name} ${copy}-${n}`,
      partnershipId: template.partnershipId ? pick(random, out.partnerships).id : null,
      cityIds: sample(random, out.cities.map((c) => c.id), template.cityIds.length),
      sourceUrls: SOURCE,
    };
    out.campaigns.push(campaign);
  });
  return out;
}

/** Copies `from`..`to` (inclusive) merged into one bundle. */
export function syntheticCopies(real: SeedBundle, from: number, to: number, seed?: number): SeedBundle {
  const merged = emptyBundle();
  for (let copy = from; copy <= to; copy++) {
    const part = syntheticCopy(real, copy, seed);
    for (const key of Object.keys(merged) as (keyof SeedBundle)[]) (merged[key] as unknown[]).push(...(part[key] as unknown[]));
  }
  return merged;
}
