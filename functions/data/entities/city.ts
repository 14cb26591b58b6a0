import type { CityRecord } from '../model';
import { Problems } from './entity';
import { standaloneEntity } from './standalone';

export const CITY_KINDS = ['MUNICIPALITY', 'MUNICIPAL_ASSOCIATION', 'CITY_QUARTER', 'DISTRICT'] as const;
const POPULATION_BASES = ['CENSUS', 'PROJECTION', 'UNKNOWN'] as const;

/** A member place of Engagierte Stadt. Its AGS history is copied into CityAgs alias items by the write module. */
export const City = standaloneEntity<'City', CityRecord>('City', (city) => {
  const p = new Problems(`city ${city.id}`);
  p.slug('id', city.id);
  p.text('name', city.name);
  p.oneOf('kind', city.kind, CITY_KINDS);
  p.state('state', city.state);
  p.ags('ags', city.ags);
  p.sourced(city.sourceUrls);
  p.url('website', city.website);
  for (const figure of [...(city.population ? [city.population] : []), ...(city.populationHistory ?? [])]) {
    p.integer('population', figure.value, false);
    p.oneOf('population basis', figure.basis, POPULATION_BASES);
    p.dates(figure.asOf);
  }
  for (const validity of city.agsHistory ?? []) {
    p.ags('agsHistory', validity.ags);
    p.dates(validity.validFrom, validity.validTo);
  }
  if (city.ags && !(city.agsHistory ?? []).some((h) => h.ags === city.ags)) p.add(`current AGS ${city.ags} missing from agsHistory`);
  p.slugList('topics', city.topics ?? []);
  p.optionalSlug('coordination office host', city.coordinationOffice?.hostOrganizationId ?? null);
  return p.list;
});
