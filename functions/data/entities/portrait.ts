import { portraitKey, type IndexKeys } from '../keys';
import type { PortraitRecord } from '../model';
import { Problems, type EntityDefinition } from './entity';

/** Longest free text a portrait field may hold (a poster's worth). */
export const PORTRAIT_TEXT_LIMITS = { displayName: 120, quote: 500, engagementArea: 200, organization: 200, photoAlt: 300, photoCredit: 200 } as const;

function limited(p: Problems, name: keyof typeof PORTRAIT_TEXT_LIMITS, value: unknown, optional: boolean): void {
  p.text(name, value, optional);
  if (typeof value === 'string' && value.length > PORTRAIT_TEXT_LIMITS[name]) p.add(`${name} is longer than ${PORTRAIT_TEXT_LIMITS[name]} characters`);
}

/**
 * A volunteer's portrait, stored in its campaign's item collection and carried
 * by the change feed like every public entity. It has no index keys: nothing
 * lists portraits except their campaign.
 */
export const Portrait: EntityDefinition<'Portrait', PortraitRecord> = {
  type: 'Portrait',
  idOf: (record) => record.id,
  key: portraitKey,
  indexKeys: (): IndexKeys => ({}),
  validate(record) {
    const p = new Problems(`portrait ${record.id}`);
    if (!portraitKey(record.id) || !record.id.startsWith(`${record.campaignId}.`)) p.add('id must be <campaignId>.<random>');
    p.slug('campaignId', record.campaignId);
    p.optionalSlug('cityId', record.cityId);
    limited(p, 'displayName', record.displayName, false);
    limited(p, 'quote', record.quote, true);
    limited(p, 'engagementArea', record.engagementArea, false);
    limited(p, 'organization', record.organization, true);
    p.url('photoUrl', record.photoUrl);
    if (record.photoUrl) limited(p, 'photoAlt', record.photoAlt, false);
    limited(p, 'photoCredit', record.photoCredit, true);
    if (typeof record.published !== 'boolean') p.add('published must be true or false');
    return p.list;
  },
};
