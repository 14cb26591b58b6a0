import { isSlug, standaloneIndexKeys, standaloneKey, type StandaloneType } from '../keys';
import type { EntityDefinition, EntityRef } from './entity';

/** An entity stored as one item keyed by its own slug (`<Type>#<id>` / `<Type>`). */
export function standaloneEntity<T extends StandaloneType, R extends { id: string }>(
  type: T,
  validate: (record: R) => string[],
  cityIdOf: (record: R) => string | null = () => null,
  references: (record: R) => EntityRef[] = () => [],
): EntityDefinition<T, R> {
  return {
    type,
    idOf: (record) => record.id,
    key: (id) => (isSlug(id) ? standaloneKey(type, id) : null),
    indexKeys: (record) => standaloneIndexKeys(type, record.id, cityIdOf(record)),
    validate,
    // A record placed in a city's collection needs that city.
    references: (record) => {
      const cityId = cityIdOf(record);
      return [...(cityId ? [{ type: 'City' as const, id: cityId }] : []), ...references(record)];
    },
  };
}
