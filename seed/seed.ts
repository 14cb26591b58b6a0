/**
 * Builds the seed data of the Engagierte Stadt API from the files in `data/`:
 * the member list (`members.csv`), the related-programme list
 * (`programme-participants.csv`), the municipality reference table
 * (`municipalities.csv`) and the hand-curated facts (`curated.json`).
 *
 * Everything here is synchronous and pure apart from reading those files, so
 * the same inputs always give the same bundle (same order, same ids). The
 * build validates itself and throws on an unresolved place name, a duplicate
 * id, a dangling reference or a record without a source, because a seed that
 * loads half-right is worse than one that refuses to load.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { ID_SEPARATOR, isSlug, membershipId, partnershipMemberId } from '../functions/data/keys';
import { ENTITIES, type EntityDefinition, type FeedRecords } from '../functions/data/entities';
import type {
  AgsValidity,
  ApplicationRoundRecord,
  CampaignRecord,
  CityKind,
  CityRecord,
  CoordinationOffice,
  DataSourceRecord,
  EventRecord,
  MunicipalityRecord,
  OrganizationRecord,
  PartialDate,
  PartnershipMemberRecord,
  PartnershipRecord,
  PopulationFigure,
  ProgramMembershipRecord,
  ProgramRecord,
  ReportedMemberCount,
  SeedBundle,
  StateCode,
} from '../functions/data/model';
import { foldName, slugify } from '../functions/shared/text';
import { parseCsvObjects } from './csv';
import { NETWORK_PROGRAM_ID, ZENSUS_TABLE_URL } from '../functions/data/model';

/** Directory holding the CSVs and `curated.json` (this file's own folder). */
export const DEFAULT_DATA_DIR = __dirname;

// Defined with the storage model, where the API reads them too.
export { NETWORK_PROGRAM_ID, ZENSUS_TABLE_URL };

/** Id of the data source record describing the municipality reference table. */
export const MUNICIPALITY_SOURCE_ID = 'municipalities';

/**
 * Source note that dl-de/by-2-0 requires wherever municipality data is
 * redistributed (API responses, seed data, docs); verbatim from
 * `reference/README.md`.
 */
export const MUNICIPALITY_ATTRIBUTION =
  'Gemeindedaten: © Statistische Ämter des Bundes und der Länder, Zensus 2022 (Tabelle 1000A-0000), und © Statistisches Bundesamt (Destatis), Gemeindeverzeichnis-Informationssystem GV-ISys (Auszug GV, 4. Quartal 2020); Datenlizenz Deutschland – Namensnennung – Version 2.0 (www.govdata.de/dl-de/by-2-0); Daten verändert (zusammengeführt, Namen gekürzt, Koordinaten teils von Vorgängergemeinden).';

/** Reference date (Stichtag) of every population figure in `municipalities.csv`. */
export const CENSUS_DATE = '2022-05-15';

interface StateInfo {
  code: StateCode;
  name: string;
}

/** AGS prefix → state; the prefix is authoritative, the name column is only cross-checked. */
const STATES: Readonly<Record<string, StateInfo>> = {
  '01': { code: 'DE-SH', name: 'Schleswig-Holstein' },
  '02': { code: 'DE-HH', name: 'Hamburg' },
  '03': { code: 'DE-NI', name: 'Niedersachsen' },
  '04': { code: 'DE-HB', name: 'Bremen' },
  '05': { code: 'DE-NW', name: 'Nordrhein-Westfalen' },
  '06': { code: 'DE-HE', name: 'Hessen' },
  '07': { code: 'DE-RP', name: 'Rheinland-Pfalz' },
  '08': { code: 'DE-BW', name: 'Baden-Württemberg' },
  '09': { code: 'DE-BY', name: 'Bayern' },
  '10': { code: 'DE-SL', name: 'Saarland' },
  '11': { code: 'DE-BE', name: 'Berlin' },
  '12': { code: 'DE-BB', name: 'Brandenburg' },
  '13': { code: 'DE-MV', name: 'Mecklenburg-Vorpommern' },
  '14': { code: 'DE-SN', name: 'Sachsen' },
  '15': { code: 'DE-ST', name: 'Sachsen-Anhalt' },
  '16': { code: 'DE-TH', name: 'Thüringen' },
};

const STATE_NAME_BY_CODE = new Map(Object.values(STATES).map((s) => [s.code, s.name]));

/** ISO 3166-2 code of the state an 8-digit AGS belongs to. */
export function stateOfAgs(ags: string): StateCode {
  const state = STATES[ags.slice(0, 2)];
  if (!state || !/^\d{8}$/.test(ags)) throw new Error(`Not a German AGS: "${ags}"`);
  return state.code;
}

const CITY_KINDS: Readonly<Record<string, CityKind>> = {
  municipality: 'MUNICIPALITY',
  municipal_association: 'MUNICIPAL_ASSOCIATION',
  city_quarter: 'CITY_QUARTER',
  district: 'DISTRICT',
};

// ---------------------------------------------------------------------------
// curated.json shape

/** A place name that does not match the reference table literally, pinned to its AGS. */
export interface AgsAlias {
  name: string;
  state: StateCode;
  /** The name as `municipalities.csv` spells it; checked against the row at `ags`. */
  municipalityName: string;
  ags: string;
  reason: string;
}

/** A participant name in `programme-participants.csv` that denotes a member place under another name. */
interface ParticipantAlias {
  name: string;
  state: StateCode;
  cityId: string;
  reason: string;
}

/** How one programme label of `programme-participants.csv` is read. */
type ProgrammeLabel =
  | { programId: string; cohort: string | null; note?: string }
  | { partnershipId: string; role: string | null };

interface CuratedCity {
  agsHistory?: AgsValidity[];
  populationFigures?: PopulationFigure[];
  coordinationOffice?: CoordinationOffice;
  topics?: string[];
  website?: string;
  sourceUrls?: string[];
}

type CuratedMembership = Omit<ProgramMembershipRecord, 'id' | 'participantName' | 'participantState' | 'participantAgs'> &
  Partial<Pick<ProgramMembershipRecord, 'participantName' | 'participantState' | 'participantAgs'>>;

type CuratedPartnershipMember = Omit<PartnershipMemberRecord, 'id'>;

/** The hand-curated part of the seed (`seed/curated.json`). */
export interface CuratedData {
  agsAliases: AgsAlias[];
  participantAliases: ParticipantAlias[];
  programmeLabels: Record<string, ProgrammeLabel>;
  membershipNotes: Record<string, string>;
  cities: Record<string, CuratedCity>;
  programs: ProgramRecord[];
  organizations: OrganizationRecord[];
  memberships: CuratedMembership[];
  partnerships: PartnershipRecord[];
  partnershipMembers: CuratedPartnershipMember[];
  campaigns: CampaignRecord[];
  events: EventRecord[];
  applicationRounds: ApplicationRoundRecord[];
  dataSources: DataSourceRecord[];
  reportedMemberCounts: ReportedMemberCount[];
}

// ---------------------------------------------------------------------------
// Readers

function readText(dataDir: string, file: string): string {
  return readFileSync(join(dataDir, file), 'utf8');
}

/** Reads `curated.json` from the data directory. */
export function readCurated(dataDir: string = DEFAULT_DATA_DIR): CuratedData {
  return JSON.parse(readText(dataDir, 'curated.json')) as CuratedData;
}

const MUNICIPALITY_COLUMNS = ['ags', 'ars', 'name', 'state', 'kind', 'population', 'population_date', 'lat', 'lon'] as const;

function parseMunicipalityRows(dataDir: string): MunicipalityRecord[] {
  const rows = parseCsvObjects(readText(dataDir, 'municipalities.csv'), MUNICIPALITY_COLUMNS);
  return rows.map((row) => {
    const state = STATES[row.ags.slice(0, 2)];
    if (!state || !/^\d{8}$/.test(row.ags)) throw new Error(`municipalities.csv: bad AGS "${row.ags}"`);
    if (state.name !== row.state) throw new Error(`municipalities.csv: ${row.ags} says "${row.state}", prefix says ${state.name}`);
    const population = Number(row.population);
    const lat = Number(row.lat);
    const lon = Number(row.lon);
    if (!Number.isInteger(population) || !Number.isFinite(lat) || !Number.isFinite(lon)) {
      throw new Error(`municipalities.csv: ${row.ags} has a non-numeric population or coordinate`);
    }
    return {
      ags: row.ags,
      ars: row.ars,
      name: row.name,
      state: state.code,
      kind: row.kind,
      population,
      populationDate: row.population_date,
      lat,
      lon,
      cityId: null,
    };
  });
}

interface MemberRow {
  name: string;
  state: string;
  kind: string;
  joined: string;
  left: string;
  source: string;
}

function readMemberRows(dataDir: string): MemberRow[] {
  return parseCsvObjects(readText(dataDir, 'members.csv'), ['name', 'state', 'kind', 'joined', 'left', 'source'] as const);
}

interface ParticipantRow {
  programme: string;
  name: string;
  state: string;
  from: string;
  to: string;
  source: string;
}

function readParticipantRows(dataDir: string): ParticipantRow[] {
  return parseCsvObjects(readText(dataDir, 'programme-participants.csv'), ['programme', 'name', 'state', 'from', 'to', 'source'] as const);
}

// ---------------------------------------------------------------------------
// Matching places to the municipality table

/** How a place was tied to a row of the municipality table. */
export interface AgsMatch {
  name: string;
  state: StateCode;
  ags: string | null;
  municipalityName: string | null;
  method: 'exact' | 'alias' | 'not-a-municipality' | 'state' | 'none';
}

class MunicipalityIndex {
  private readonly byAgs = new Map<string, MunicipalityRecord>();
  private readonly byName = new Map<string, MunicipalityRecord[]>();

  constructor(
    rows: readonly MunicipalityRecord[],
    private readonly aliases: readonly AgsAlias[],
  ) {
    for (const row of rows) {
      this.byAgs.set(row.ags, row);
      const key = MunicipalityIndex.key(row.name, row.state);
      const list = this.byName.get(key);
      if (list) list.push(row);
      else this.byName.set(key, [row]);
    }
  }

  private static key(name: string, state: StateCode): string {
    return `${state}|${foldName(name)}`;
  }

  get(ags: string): MunicipalityRecord | undefined {
    return this.byAgs.get(ags);
  }

  /**
   * Finds the municipality by name within its state. An alias wins over a
   * literal match so that pinned names stay pinned even if the table changes;
   * a name with several rows in one state is never guessed.
   */
  match(name: string, state: StateCode): { row: MunicipalityRecord; method: 'exact' | 'alias' } | { problem: string } {
    const alias = this.aliases.find((a) => a.name === name && a.state === state);
    if (alias) {
      const row = this.byAgs.get(alias.ags);
      if (!row) return { problem: `alias for ${name} (${state}) points to missing AGS ${alias.ags}` };
      if (row.name !== alias.municipalityName || row.state !== state) {
        return { problem: `alias for ${name} (${state}): ${alias.ags} is "${row.name}" (${row.state}), not "${alias.municipalityName}"` };
      }
      return { row, method: 'alias' };
    }
    const candidates = this.byName.get(MunicipalityIndex.key(name, state)) ?? [];
    const [only] = candidates;
    if (candidates.length === 1 && only) return { row: only, method: 'exact' };
    if (candidates.length === 0) return { problem: `no municipality named "${name}" in ${state}` };
    return { problem: `"${name}" in ${state} is ambiguous: ${candidates.map((c) => c.ags).join(', ')}` };
  }
}

interface CityDraft {
  id: string;
  name: string;
  state: StateCode;
  kind: CityKind;
  rows: MemberRow[];
}

function cityDrafts(rows: readonly MemberRow[]): CityDraft[] {
  const drafts = new Map<string, CityDraft>();
  for (const row of rows) {
    const kind = CITY_KINDS[row.kind];
    if (!kind) throw new Error(`members.csv: unknown kind "${row.kind}" for ${row.name}`);
    if (!STATE_NAME_BY_CODE.has(row.state)) throw new Error(`members.csv: unknown state "${row.state}" for ${row.name}`);
    const id = slugify(row.name);
    const existing = drafts.get(id);
    if (existing) {
      if (existing.name !== row.name || existing.state !== row.state || existing.kind !== kind) {
        throw new Error(`members.csv: "${row.name}" and "${existing.name}" both slug to ${id}`);
      }
      existing.rows.push(row);
    } else {
      drafts.set(id, { id, name: row.name, state: row.state, kind, rows: [row] });
    }
  }
  return [...drafts.values()];
}

function matchCityAgs(drafts: readonly CityDraft[], index: MunicipalityIndex): Map<string, AgsMatch> {
  const matches = new Map<string, AgsMatch>();
  const problems: string[] = [];
  for (const city of drafts) {
    if (city.kind !== 'MUNICIPALITY') {
      // Associations, districts and quarters have no row of their own in a
      // municipality table; no source gives them a key, so none is made up.
      matches.set(city.id, { name: city.name, state: city.state, ags: null, municipalityName: null, method: 'not-a-municipality' });
      continue;
    }
    const found = index.match(city.name, city.state);
    if ('problem' in found) {
      problems.push(found.problem);
      continue;
    }
    matches.set(city.id, {
      name: city.name,
      state: city.state,
      ags: found.row.ags,
      municipalityName: found.row.name,
      method: found.method,
    });
  }
  if (problems.length > 0) throw new Error(`Unresolved member places (add them to agsAliases):\n${problems.join('\n')}`);
  return matches;
}

/**
 * How every member place and every programme participant was matched to the
 * municipality table. Used by `seed/report.ts` to print the matching so each
 * alias and each non-match is visible, and by the tests.
 */
export function agsMatchReport(dataDir: string = DEFAULT_DATA_DIR): {
  cities: Map<string, AgsMatch>;
  participants: (AgsMatch & { programme: string; cityId: string | null })[];
} {
  const curated = readCurated(dataDir);
  const index = new MunicipalityIndex(parseMunicipalityRows(dataDir), curated.agsAliases);
  const drafts = cityDrafts(readMemberRows(dataDir));
  const cities = matchCityAgs(drafts, index);
  const participants = readParticipantRows(dataDir).map((row) => {
    const cityId = participantCityId(row.name, row.state, drafts, curated.participantAliases);
    const match = cityId ? cities.get(cityId) : undefined;
    return {
      ...(match ? { ...match, name: row.name } : matchParticipant(row.name, row.state, index).match),
      programme: row.programme,
      cityId,
    };
  });
  return { cities, participants };
}

function matchParticipant(name: string, state: StateCode, index: MunicipalityIndex): { match: AgsMatch } {
  if (STATE_NAME_BY_CODE.get(state) === name) {
    // A state-wide scheme (Ehrenamtskarte Bayern, Berlin, Bremen) is about the
    // state, not a municipality, even where a city-state shares its name.
    return { match: { name, state, ags: null, municipalityName: null, method: 'state' } };
  }
  const found = index.match(name, state);
  if ('problem' in found) return { match: { name, state, ags: null, municipalityName: null, method: 'none' } };
  return { match: { name, state, ags: found.row.ags, municipalityName: found.row.name, method: found.method } };
}

// ---------------------------------------------------------------------------
// Public entry points

/**
 * Reads the municipality reference table (10,786 rows, Zensus 2022), with the
 * state as an ISO 3166-2 code and `cityId` set where the AGS is the current
 * key of a member place.
 */
export function readMunicipalities(dataDir: string = DEFAULT_DATA_DIR): MunicipalityRecord[] {
  const curated = readCurated(dataDir);
  const rows = parseMunicipalityRows(dataDir);
  const index = new MunicipalityIndex(rows, curated.agsAliases);
  const cityByAgs = new Map<string, string>();
  for (const [cityId, match] of matchCityAgs(cityDrafts(readMemberRows(dataDir)), index)) {
    if (match.ags) cityByAgs.set(match.ags, cityId);
  }
  return rows.map((row) => ({ ...row, cityId: cityByAgs.get(row.ags) ?? null }));
}

/**
 * Builds the complete seed bundle from the CSVs and `curated.json` in
 * `dataDir`. Deterministic: records come in file order (cities in the order of
 * `members.csv`). Throws if the data is inconsistent (see module comment).
 */
export function loadSeedBundle(dataDir: string = DEFAULT_DATA_DIR): SeedBundle {
  const curated = readCurated(dataDir);
  const index = new MunicipalityIndex(parseMunicipalityRows(dataDir), curated.agsAliases);
  const memberRows = readMemberRows(dataDir);
  const drafts = cityDrafts(memberRows);
  const agsMatches = matchCityAgs(drafts, index);

  const unknownCuratedCities = Object.keys(curated.cities).filter((id) => !drafts.some((d) => d.id === id));
  if (unknownCuratedCities.length > 0) throw new Error(`curated.json cities not in members.csv: ${unknownCuratedCities.join(', ')}`);

  const cities = drafts.map((draft) => buildCity(draft, agsMatches.get(draft.id) ?? null, index, curated.cities[draft.id]));
  const cityById = new Map(cities.map((c) => [c.id, c]));

  const memberships: ProgramMembershipRecord[] = [];
  for (const row of memberRows) {
    const city = cityById.get(slugify(row.name));
    if (!city) throw new Error(`members.csv: no city for ${row.name}`);
    const startDate = row.joined || null;
    const id = membershipId(NETWORK_PROGRAM_ID, city.id, startDate);
    memberships.push({
      id,
      programId: NETWORK_PROGRAM_ID,
      cityId: city.id,
      participantName: city.name,
      participantState: city.state,
      participantAgs: city.ags,
      startDate,
      endDate: row.left || null,
      cohort: null,
      note: curated.membershipNotes[id] ?? null,
      sourceUrls: [row.source],
    });
  }

  const partnershipMembers: PartnershipMemberRecord[] = [];
  for (const row of readParticipantRows(dataDir)) {
    const label = curated.programmeLabels[row.programme];
    if (!label) throw new Error(`programme-participants.csv: no programmeLabels entry for "${row.programme}"`);
    const cityId = participantCityId(row.name, row.state, cities, curated.participantAliases);
    if ('partnershipId' in label) {
      if (!cityId) throw new Error(`${label.partnershipId}: participant ${row.name} (${row.state}) is not a member place`);
      partnershipMembers.push({
        id: partnershipMemberId(label.partnershipId, 'City', cityId),
        partnershipId: label.partnershipId,
        memberType: 'City',
        memberId: cityId,
        role: label.role,
        startDate: row.from || null,
        endDate: row.to || null,
        sourceUrls: [row.source],
      });
      continue;
    }
    const participantAgs = cityId ? (cityById.get(cityId)?.ags ?? null) : matchParticipant(row.name, row.state, index).match.ags;
    const startDate = row.from || null;
    const id = membershipId(label.programId, cityId ?? slugify(row.name), startDate);
    const sourceNote = `Listed as "${row.programme}".`;
    memberships.push({
      id,
      programId: label.programId,
      cityId,
      participantName: row.name,
      participantState: row.state,
      participantAgs,
      startDate,
      endDate: row.to || null,
      cohort: label.cohort,
      note: [sourceNote, label.note, curated.membershipNotes[id]].filter(Boolean).join(' '),
      sourceUrls: [row.source],
    });
  }

  for (const extra of curated.memberships) {
    const city = extra.cityId ? cityById.get(extra.cityId) : undefined;
    if (extra.cityId && !city) throw new Error(`curated membership for unknown city ${extra.cityId}`);
    const participantName = extra.participantName ?? city?.name;
    if (!participantName) throw new Error(`curated membership of ${extra.programId} names no participant`);
    memberships.push({
      ...extra,
      id: membershipId(extra.programId, extra.cityId ?? slugify(participantName), extra.startDate),
      participantName,
      participantState: extra.participantState ?? city?.state ?? null,
      participantAgs: extra.participantAgs ?? city?.ags ?? null,
    });
  }

  for (const extra of curated.partnershipMembers) {
    const id = partnershipMemberId(extra.partnershipId, extra.memberType, extra.memberId);
    const existing = partnershipMembers.find((m) => m.id === id);
    if (existing) {
      // The same member confirmed by a further source: keep one edge, cite both.
      for (const url of extra.sourceUrls) if (!existing.sourceUrls.includes(url)) existing.sourceUrls.push(url);
      existing.role ??= extra.role;
    } else {
      partnershipMembers.push({ ...extra, id });
    }
  }

  const municipalitySource = curated.dataSources.find((s) => s.id === MUNICIPALITY_SOURCE_ID);
  if (municipalitySource?.attribution !== MUNICIPALITY_ATTRIBUTION) {
    throw new Error('curated.json: the municipality data source must carry MUNICIPALITY_ATTRIBUTION verbatim');
  }

  const bundle: SeedBundle = {
    cities,
    programs: curated.programs,
    memberships,
    partnerships: curated.partnerships,
    partnershipMembers,
    organizations: curated.organizations,
    campaigns: curated.campaigns,
    events: curated.events,
    applicationRounds: curated.applicationRounds,
    dataSources: curated.dataSources,
    reportedMemberCounts: curated.reportedMemberCounts,
  };
  const problems = validateBundle(bundle);
  if (problems.length > 0) throw new Error(`Seed bundle is inconsistent:\n${problems.join('\n')}`);
  return bundle;
}

// ---------------------------------------------------------------------------
// Building blocks

function participantCityId(
  name: string,
  state: StateCode,
  cities: readonly { id: string; name: string; state: StateCode }[],
  aliases: readonly ParticipantAlias[],
): string | null {
  const alias = aliases.find((a) => a.name === name && a.state === state);
  if (alias) return alias.cityId;
  const folded = foldName(name);
  return cities.find((c) => c.state === state && foldName(c.name) === folded)?.id ?? null;
}

function censusFigure(row: MunicipalityRecord): PopulationFigure {
  return { value: row.population, asOf: row.populationDate, basis: 'CENSUS', sourceUrl: ZENSUS_TABLE_URL };
}

/** Newest first; ISO partial dates sort correctly as strings within one precision. */
function byDateDesc(a: PopulationFigure, b: PopulationFigure): number {
  if (a.asOf !== b.asOf) return a.asOf < b.asOf ? 1 : -1;
  return a.basis.localeCompare(b.basis) || a.value - b.value;
}

function buildCity(draft: CityDraft, match: AgsMatch | null, index: MunicipalityIndex, extra: CuratedCity | undefined): CityRecord {
  const ags = match?.ags ?? null;
  const row = ags ? index.get(ags) : undefined;
  if (ags && row?.populationDate !== CENSUS_DATE) throw new Error(`${draft.name}: census row ${ags} is not dated ${CENSUS_DATE}`);

  let agsHistory: AgsValidity[] = ags ? [{ ags, validFrom: null, validTo: null }] : [];
  if (extra?.agsHistory) {
    const current = extra.agsHistory.find((h) => h.validTo === null);
    if (current?.ags !== ags) {
      throw new Error(`${draft.name}: curated current AGS ${current?.ags ?? 'none'} disagrees with the table match ${ags ?? 'none'}`);
    }
    agsHistory = extra.agsHistory;
  }

  const figures = [...(row ? [censusFigure(row)] : []), ...(extra?.populationFigures ?? [])].sort(byDateDesc);

  const sourceUrls: string[] = [];
  for (const url of [...draft.rows.map((r) => r.source), ...(extra?.sourceUrls ?? [])]) {
    if (!sourceUrls.includes(url)) sourceUrls.push(url);
  }

  return {
    id: draft.id,
    name: draft.name,
    kind: draft.kind,
    state: draft.state,
    ags,
    agsHistory,
    // The figure the network's own sources cite for the place wins over the bulk
    // census table; the census count stays in the history either way.
    population: [...(extra?.populationFigures ?? [])].sort(byDateDesc)[0] ?? figures[0] ?? null,
    populationHistory: figures,
    location: row ? { lat: row.lat, lon: row.lon } : null,
    website: extra?.website ?? null,
    coordinationOffice: extra?.coordinationOffice ?? null,
    topics: extra?.topics ?? [],
    sourceUrls,
  };
}

const PARTIAL_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

function isPartialDate(value: PartialDate | null): boolean {
  return value === null || PARTIAL_DATE.test(value);
}

/**
 * True when a composite id is built from slugs by the key functions: a
 * membership id is `<programId>.<participant>.<start|open>`, a partnership
 * member id `<partnershipId>.<City|Organization>.<memberId>`.
 */
export function isCompositeId(id: string): boolean {
  const parts = id.split(ID_SEPARATOR);
  if (parts.length !== 3) return false;
  const [first = '', middle = '', last = ''] = parts;
  if (middle === 'City' || middle === 'Organization') return isSlug(first) && isSlug(last);
  return isSlug(first) && isSlug(middle) && (last === 'open' || PARTIAL_DATE.test(last));
}

/**
 * Checks a bundle: each record against its entity definition (the same
 * validation every write goes through), then what no single record can check
 * (duplicate ids, dangling references, reported counts). Returns the problems
 * found (empty when the bundle is consistent).
 */
export function validateBundle(bundle: SeedBundle): string[] {
  const problems: string[] = [];
  const check = <T extends keyof typeof ENTITIES>(type: T, label: string, records: readonly FeedRecords[T][]): Set<string> => {
    const definition = ENTITIES[type] as unknown as EntityDefinition<T, FeedRecords[T]>;
    const seen = new Set<string>();
    for (const record of records) {
      const id = definition.idOf(record);
      if (seen.has(id)) problems.push(`${label}: duplicate id ${id}`);
      seen.add(id);
      if (!definition.key(id)) problems.push(`${label}: malformed id "${id}"`);
      problems.push(...definition.validate(record));
    }
    return seen;
  };
  const cityIds = check('City', 'city', bundle.cities);
  const programIds = check('Program', 'program', bundle.programs);
  check('ProgramMembership', 'membership', bundle.memberships);
  const partnershipIds = check('Partnership', 'partnership', bundle.partnerships);
  check('PartnershipMember', 'partnershipMember', bundle.partnershipMembers);
  const organizationIds = check('Organization', 'organization', bundle.organizations);
  check('Campaign', 'campaign', bundle.campaigns);
  check('Event', 'event', bundle.events);
  check('ApplicationRound', 'applicationRound', bundle.applicationRounds);
  check('DataSource', 'dataSource', bundle.dataSources);

  const ref = (label: string, id: string | null, set: Set<string>): void => {
    if (id !== null && !set.has(id)) problems.push(`${label} refers to missing ${id}`);
  };
  for (const city of bundle.cities) ref(`city ${city.id} coordination office`, city.coordinationOffice?.hostOrganizationId ?? null, organizationIds);
  for (const program of bundle.programs) for (const id of program.sponsorOrganizationIds) ref(`program ${program.id}`, id, organizationIds);
  for (const m of bundle.memberships) {
    ref(`membership ${m.id}`, m.programId, programIds);
    ref(`membership ${m.id}`, m.cityId, cityIds);
  }
  for (const p of bundle.partnerships) for (const id of p.supporterOrganizationIds) ref(`partnership ${p.id}`, id, organizationIds);
  for (const m of bundle.partnershipMembers) {
    ref(`partnershipMember ${m.id}`, m.partnershipId, partnershipIds);
    ref(`partnershipMember ${m.id}`, m.memberId, m.memberType === 'City' ? cityIds : organizationIds);
  }
  for (const o of bundle.organizations) ref(`organization ${o.id}`, o.cityId, cityIds);
  for (const c of bundle.campaigns) {
    ref(`campaign ${c.id}`, c.partnershipId, partnershipIds);
    for (const id of c.cityIds) ref(`campaign ${c.id}`, id, cityIds);
  }
  for (const e of bundle.events) {
    ref(`event ${e.id}`, e.cityId, cityIds);
    for (const id of e.organizerOrganizationIds) ref(`event ${e.id}`, id, organizationIds);
  }
  for (const count of bundle.reportedMemberCounts) {
    if (!isPartialDate(count.date)) problems.push(`reportedMemberCount: malformed date "${count.date}"`);
    if (!/^https?:\/\//.test(count.sourceUrl)) problems.push(`reportedMemberCount ${count.date} has no source URL`);
  }
  return problems;
}
