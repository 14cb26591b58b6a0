import { foldName } from '../../shared/text';
import { municipalityIndexKeys, municipalityKey } from '../keys';
import type { MunicipalityRecord } from '../model';
import { Problems, type EntityDefinition } from './entity';

/**
 * A row of the municipality reference table. Its `cityId` is a copy owned by
 * the City writes; it is omitted rather than null so `attribute_exists` can
 * filter member places.
 */
export const Municipality: EntityDefinition<'Municipality', MunicipalityRecord> = {
  type: 'Municipality',
  idOf: (municipality) => municipality.ags,
  key: (ags) => (/^\d{8}$/.test(ags) ? municipalityKey(ags) : null),
  indexKeys: (municipality) => municipalityIndexKeys(municipality.ags, municipality.state, foldName(municipality.name)),
  validate: (municipality) => {
    const p = new Problems(`municipality ${municipality.ags}`);
    p.ags('ags', municipality.ags);
    p.text('name', municipality.name);
    p.state('state', municipality.state);
    p.integer('population', municipality.population, false);
    p.dates(municipality.populationDate);
    if (!Number.isFinite(municipality.lat) || !Number.isFinite(municipality.lon)) p.add('coordinates must be numbers');
    return p.list;
  },
  attributes: ({ cityId, ...rest }) => ({ ...rest, ...(cityId ? { cityId } : {}) }),
  fromAttributes: (attributes) => ({ ...(attributes as unknown as MunicipalityRecord), cityId: (attributes.cityId as string | undefined) ?? null }),
};
