/**
 * Items built for bulk loads that bypass the write path: the municipality
 * reference table (seeding) and whole seed bundles (benchmarks). Built by the
 * entity definitions, so they hold exactly what a write would store.
 */
import {
  ENTITY_TYPE_ATTRIBUTE,
  NETWORK_COUNTS_KEY,
  campaignCityIndexKeys,
  campaignCityKey,
  cityAgsKey,
} from './keys';
import type { MunicipalityRecord, SeedBundle } from './model';
import type { Item } from './store';
import { ENTITIES, Municipality, encodeItem, type EntityMeta } from './entities';

/** Bookkeeping of an item written by a bulk load rather than the write path (benchmarks, reference data). */
const BULK_META: EntityMeta = { version: 1, created: '1970-01-01T00:00:00.000Z', modified: '1970-01-01T00:00:00.000Z', writtenBy: 'seed' };

/**
 * Every item the municipality reference table is stored as, keys included.
 * Reference rows carry no version: they are not written through the API and
 * not part of the change feed (see docs/CHANGE-FEED.md).
 */
export function municipalityItems(records: readonly MunicipalityRecord[]): Item[] {
  return records.map((record) => {
    const { version: _v, created: _c, modified: _m, writtenBy: _w, ...item } = encodeItem(Municipality, record, BULK_META);
    return item;
  });
}

/**
 * Every item a seed bundle is stored as, built by the entity definitions, for
 * bulk loads that bypass the change feed (benchmarks). Seeding proper goes
 * through `NetworkWriter` (local/seed.ts).
 */
export function seedItems(bundle: SeedBundle): Item[] {
  const items: Item[] = [];
  const add = <T extends keyof typeof ENTITIES>(type: T, records: readonly object[]) => {
    for (const record of records) items.push(encodeItem(ENTITIES[type] as never, record as never, BULK_META));
  };
  add('City', bundle.cities);
  add('Program', bundle.programs);
  add('Partnership', bundle.partnerships);
  add('Organization', bundle.organizations);
  add('Campaign', bundle.campaigns);
  add('Event', bundle.events);
  add('ApplicationRound', bundle.applicationRounds);
  add('DataSource', bundle.dataSources);
  add('ProgramMembership', bundle.memberships);
  add('PartnershipMember', bundle.partnershipMembers);
  for (const campaign of bundle.campaigns) {
    for (const cityId of campaign.cityIds) {
      items.push({
        ...campaignCityKey(campaign.id, cityId),
        ...campaignCityIndexKeys(campaign.id, cityId),
        campaignId: campaign.id,
        cityId,
        [ENTITY_TYPE_ATTRIBUTE]: 'CampaignCity',
      });
    }
  }
  for (const city of bundle.cities) {
    for (const validity of city.agsHistory) {
      items.push({ ...cityAgsKey(validity.ags), cityId: city.id, ...validity, [ENTITY_TYPE_ATTRIBUTE]: 'CityAgs' });
    }
  }
  items.push({ ...NETWORK_COUNTS_KEY, counts: bundle.reportedMemberCounts, [ENTITY_TYPE_ATTRIBUTE]: 'Network' });
  return items;
}
